using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// The embedded default as an operator runs it: a real node process with no broker, on the SQLite file in its
/// data directory, killed with SIGKILL in the middle of the work and started again (<see cref="KillMidWorkTestBase"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedKillTests(ITestOutputHelper output) : KillMidWorkTestBase(output)
{
    protected override string TransportHocon => string.Empty;

    [Fact]
    public async Task A_node_killed_with_sigkill_mid_work_loses_nothing_every_event_is_handled_after_its_restart()
    {
        var second = await KillMidWorkAndRestartAsync("3s");
        Assert.Equal(0, second.ExitCode);
    }

    /// <summary>With the default visibility-timeout: the claims come back because the killed process's lock file is free.</summary>
    [Fact]
    public async Task A_killed_nodes_claims_come_back_at_once_not_after_the_visibility_timeout()
    {
        // Within the base's minute, with claims that would wait five minutes: whichever process found the killed
        // one gone (the restarted node or the test's own transport) gave its claims back.
        var second = await KillMidWorkAndRestartAsync("5m");
        Assert.Equal(0, second.ExitCode);
    }
}
