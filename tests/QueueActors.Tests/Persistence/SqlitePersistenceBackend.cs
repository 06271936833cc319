using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Persistence;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Persistence;

/// <summary>The SQLite backend of the persistence behaviours: fresh files in a temp directory per test, the journal's next to the node's, as on a node.</summary>
public sealed class SqlitePersistenceBackend : IPersistenceTestBackend
{
    private readonly TempDirectory _directory = new();

    public SqlitePersistenceBackend()
    {
        var journal = AkkaSqlPersistence.SqliteJournalPath(TestDatabases.SqliteSettings(_directory.Path));
        AkkaConfig = AkkaSqlPersistence.Hocon(AkkaSqlPersistence.PrepareSqlite(journal), AkkaSqlPersistence.SqliteProvider);
        JournalPath = journal;
    }

    public Akka.Configuration.Config AkkaConfig { get; }

    /// <summary>The journal's file.</summary>
    public string JournalPath { get; }

    public async Task MigrateAsync(string component)
    {
        await using var database = await TestDatabases.OpenSqliteAsync(_directory.Path);
        await database.MigrateAsync(component);
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = Open();
        await connection.ExecuteAsync(sql);
    }

    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(string component)
    {
        await using var connection = Open();
        return [.. await connection.QueryAsync<int>("SELECT version FROM schema_version WHERE component = @component ORDER BY version", new { component })];
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools(); // the journal's pooled connections hold the file
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={TestDatabases.SqliteSettings(_directory.Path).FilePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
