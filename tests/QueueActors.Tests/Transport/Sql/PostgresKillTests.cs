using System.Text.Json;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// <see cref="KillMidWorkTestBase"/> on the PostgreSQL transport: the killed node's claims come back because its
/// session, and the advisory lock it held, ended with its process; the visibility-timeout is five minutes.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresKillTests(PostgresFixture postgres, ITestOutputHelper output) : KillMidWorkTestBase(output)
{
    private string _connectionString = string.Empty;

    protected override string TransportHocon => $$"""
        postgres.connection-string = {{JsonSerializer.Serialize(_connectionString)}}
        sql-transport.backend = postgres
        """;

    [Fact]
    public async Task A_killed_nodes_claims_come_back_at_once_not_after_the_visibility_timeout()
    {
        _connectionString = await postgres.DatabaseFor(GetType());
        // Within the base's minute, with claims that would wait five minutes: whichever process found the killed
        // one gone (the restarted node or the test's own transport) gave its claims back.
        var second = await KillMidWorkAndRestartAsync("5m");
        Assert.Equal(0, second.ExitCode);
    }
}
