using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Workers;

/// <summary><see cref="WorkerMasterKillTestBase"/> on the embedded SQLite transport: a killed worker's lock file is free at once.</summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedWorkerMasterKillTests(ITestOutputHelper output) : WorkerMasterKillTestBase(output)
{
    protected override string TransportHocon => string.Empty;

    [Fact]
    public Task Workers_killed_with_sigkill_are_respawned_and_their_claims_come_back_at_once() => KillWorkersAndAwaitEveryEventAsync();
}
