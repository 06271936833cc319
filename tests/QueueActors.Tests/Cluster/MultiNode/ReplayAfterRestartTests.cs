using System.Collections.Concurrent;
using QueueActors.Actors.Cluster.Control;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Issue 5, item 4: a correctly signed <c>node shutdown w1</c>, captured off the control channel and replayed to
/// w1 after its restart (well within max-age), is refused and logged once; w1 keeps running.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ReplayAfterRestartTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string RejectionLine = "Rejected a control command";
    private readonly ConcurrentQueue<byte[]> captured = new();
    private TestCluster _cluster = null!;
    private Actors.Transport.RabbitMq.RabbitMqTransport _wire = null!;
    private IAsyncDisposable? _tap;

    [Fact]
    public async Task A_signed_shutdown_captured_before_a_restart_is_refused_after_it_and_logged_once()
    {
        var (exitCode, shutdownOutput) = await _cluster.CliAsync("ctl", "node", "shutdown", "w1");
        Assert.True(exitCode == 0, shutdownOutput);
        var first = _cluster.Nodes.Single(n => n.Name == "w1").Process;
        await first.WaitForExitAsync().WaitAsync(TestCluster.Wait);
        var shutdown = captured.Single(IsShutdownOfW1);

        var restarted = _cluster.StartNode("w1", "worker");
        await AwaitCondition.UntilAsync(() => restarted.Output.Contains("subscribed as node w1", StringComparison.Ordinal), TestCluster.Wait, "w1 to subscribe again");
        await _wire.BroadcastAsync(ChannelOf(_cluster), shutdown);

        await AwaitCondition.UntilAsync(() => restarted.Output.Contains(RejectionLine, StringComparison.Ordinal), TestCluster.Wait, "the restarted w1 to reject the replay\n" + _cluster.Outputs());
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
        Assert.False(restarted.HasExited, "the restarted w1 obeyed the replayed shutdown");
        Assert.Equal(1, restarted.Output.Split(RejectionLine).Length - 1);
        Assert.Matches(@"Rejected a control command \((PredatesStart|Replayed)\)", restarted.Output);
        Assert.DoesNotContain("Control command 'node shutdown'", restarted.Output, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _wire = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        _tap = await _wire.SubscribeBroadcastAsync(ChannelOf(_cluster), (message, _) =>
        {
            captured.Enqueue(message.ToArray());
            return ValueTask.CompletedTask;
        });
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public async Task DisposeAsync()
    {
        if (_tap is not null)
        {
            await _tap.DisposeAsync();
        }

        await _wire.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private static string ChannelOf(TestCluster cluster) => "qa.control-" + cluster.Id;

    private static bool IsShutdownOfW1(byte[] wire) =>
        ControlWire.TryOpen(wire, out var opened, out _)
        && opened!.Message is { Kind: ControlMessageKind.Request, Command: ControlCommands.NodeShutdown, TargetNode: "w1" };
}
