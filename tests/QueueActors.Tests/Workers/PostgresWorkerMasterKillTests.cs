using System.Text.Json;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Workers;

/// <summary><see cref="WorkerMasterKillTestBase"/> on PostgreSQL: a killed worker's session, and its advisory lock, end with it.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkerMasterKillTests(PostgresFixture postgres, ITestOutputHelper output) : WorkerMasterKillTestBase(output)
{
    private string _connectionString = string.Empty;

    protected override string TransportHocon => $$"""
        postgres.connection-string = {{JsonSerializer.Serialize(_connectionString)}}
        sql-transport.backend = postgres
        """;

    [Fact]
    public async Task Workers_killed_with_sigkill_are_respawned_and_their_claims_come_back_at_once()
    {
        _connectionString = await postgres.DatabaseFor(GetType());
        await KillWorkersAndAwaitEveryEventAsync();
    }
}
