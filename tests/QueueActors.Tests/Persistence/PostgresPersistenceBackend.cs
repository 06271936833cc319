using Dapper;
using Npgsql;
using QueueActors.Actors.Persistence;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Persistence;

/// <summary>The PostgreSQL backend of the persistence behaviours: a database of its own per test in the shared test cluster.</summary>
public sealed class PostgresPersistenceBackend : IPersistenceTestBackend
{
    private readonly string _connectionString;

    public PostgresPersistenceBackend(PostgresFixture postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);

        // The TestKit takes its configuration in its constructor, so the database is made here, synchronously.
        _connectionString = postgres.Server.CreateDatabaseAsync("qa_p_" + Guid.NewGuid().ToString("N")[..16]).GetAwaiter().GetResult();
        AkkaConfig = AkkaSqlPersistence.Hocon(_connectionString, AkkaSqlPersistence.PostgresProvider);
    }

    public Akka.Configuration.Config AkkaConfig { get; }

    public async Task MigrateAsync(string component)
    {
        await using var database = await TestDatabases.OpenPostgresAsync(_connectionString);
        await database.MigrateAsync(component);
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(string component)
    {
        await using var connection = await OpenAsync();
        return [.. await connection.QueryAsync<int>("SELECT version FROM schema_version WHERE component = @component ORDER BY version", new { component })];
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
