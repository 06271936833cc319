using Dapper;
using Npgsql;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Persistence;

/// <summary>The PostgreSQL backend of the persistence behaviours: the test class's database in the shared test cluster.</summary>
public sealed class PostgresPersistenceBackend(PostgresFixture postgres, Type testClass) : IPersistenceTestBackend
{
    private readonly List<PostgresDatabase> _databases = [];

    public async Task<PersistenceStores> CreateStoresAsync(PersistenceSettings settings)
    {
        var database = await TestDatabases.OpenPostgresAsync(await postgres.DatabaseFor(testClass));
        _databases.Add(database);
        return await PostgresPersistence.CreateAsync(database, settings);
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

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await postgres.DatabaseFor(testClass));
        await connection.OpenAsync();
        return connection;
    }
}
