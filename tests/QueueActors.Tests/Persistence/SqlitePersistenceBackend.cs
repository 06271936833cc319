using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Persistence;

/// <summary>The SQLite backend of the persistence behaviours: a fresh file in a temp directory per test.</summary>
public sealed class SqlitePersistenceBackend : IPersistenceTestBackend
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteDatabase> _databases = [];

    public async Task<PersistenceStores> CreateStoresAsync(PersistenceSettings settings)
    {
        var database = await TestDatabases.OpenSqliteAsync(_directory.Path);
        _databases.Add(database);
        return await SqlitePersistence.CreateAsync(database, settings);
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

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _directory.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={TestDatabases.SqliteSettings(_directory.Path).FilePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
