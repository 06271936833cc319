using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// Several nodes on one PostgreSQL database: each transport instance has its own pool and LISTEN
/// connection, as a separate process would; all are disposed after the test. Subclasses carry the
/// Integration trait and the PostgreSQL collection themselves (xunit reads them from the test class).
/// </summary>
public abstract class PostgresNodesTestBase(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<SqlTransport> transports = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in transports)
        {
            await transport.DisposeAsync();
        }
    }

    /// <summary>Opens one more node on this test class's database.</summary>
    protected async Task<SqlTransport> OpenNodeAsync(SqlTransportSettings? settings = null)
    {
        var transport = await SqlTestTransports.OpenPostgresAsync(await postgres.DatabaseFor(GetType()), settings);
        transports.Add(transport);
        return transport;
    }
}
