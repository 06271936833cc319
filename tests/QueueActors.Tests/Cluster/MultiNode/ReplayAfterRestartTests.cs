using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Issue 5, item 4: a correctly signed <c>node shutdown w1</c>, captured on its way and replayed to w1 after its
/// restart (well within max-age) through the cluster's control topic, is refused and logged once; w1 keeps running.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ReplayAfterRestartTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string RejectionLine = "Rejected a control command";
    private TestCluster _cluster = null!;

    [Fact]
    public async Task A_signed_shutdown_captured_before_a_restart_is_refused_after_it_and_logged_once()
    {
        var settings = ClusterSettings.FromConfig(ConfigLoader.Load(_cluster.ConfigFile));
        var request = new ControlMessage { Kind = ControlMessageKind.Request, Sender = "script", Command = ControlCommands.NodeShutdown, TargetNode = "w1", CorrelationId = "captured" };
        var shutdown = ControlWire.Seal(request, CommandSigner.FromSettings(settings.Signing));
        _cluster.PublishToTopic(shutdown);
        var first = _cluster.Nodes.Single(n => n.Name == "w1").Process;
        await first.WaitForExitAsync().WaitAsync(TestCluster.Wait);
        Assert.Equal(0, first.ExitCode);

        var restarted = _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");

        // The topic learns of the new w1's subscription by gossip: replay until it has seen one copy. Further byte-identical
        // copies are dropped before verification, so the rejection is still logged once.
        var lastReplay = DateTime.MinValue;
        await AwaitCondition.UntilAsync(
            () =>
            {
                if (restarted.Output.Contains(RejectionLine, StringComparison.Ordinal))
                {
                    return true;
                }

                if (DateTime.UtcNow - lastReplay > TimeSpan.FromSeconds(2))
                {
                    _cluster.PublishToTopic(shutdown);
                    lastReplay = DateTime.UtcNow;
                }

                return false;
            },
            TestCluster.Wait,
            "the restarted w1 to reject the replay\n" + _cluster.Outputs());
        Assert.False(restarted.HasExited, "the restarted w1 obeyed the replayed shutdown");
        Assert.Equal(1, restarted.Output.Split(RejectionLine).Length - 1);
        Assert.Matches(@"Rejected a control command \((PredatesStart|Replayed)\)", restarted.Output);
        Assert.DoesNotContain("Control command 'node shutdown'", restarted.Output, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();
}
