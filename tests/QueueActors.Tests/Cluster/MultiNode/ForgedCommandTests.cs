using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Commands signed with another secret reach a running cluster, through a forger's <c>ctl</c> (a ClusterClient) or the
/// broker's control exchange: they are rejected and logged once (by every node addressed, or by the seed's relay),
/// nobody answers, and nothing changes (no site added, no node stopped).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ForgedCommandTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Only forged ones: a ctl of the start-up polls may deliver a command signed before a node started (rejected too).</summary>
    private const string RejectionLine = "Rejected a control command (Forged)";
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Commands_signed_with_another_secret_get_no_answer_are_logged_by_the_nodes_addressed_and_change_nothing()
    {
        var forged = "forged-" + _cluster.Id;
        var forger = _cluster.ForgerConfigFile();
        Assert.All(_cluster.Nodes, n => Assert.DoesNotContain(RejectionLine, n.Process.Output));

        var (addExit, addOutput) = await _cluster.CliWithConfigAsync(forger, "site", "add", forged, "--breakout", _cluster.Queue, "--timeout", "2s");
        var (shutdownExit, shutdownOutput) = await _cluster.CliWithConfigAsync(forger, "ctl", "node", "shutdown", "--timeout", "2s");

        Assert.True(addExit == ExitCodes.NoAnswer, addOutput);
        Assert.Contains("no answer", addOutput);
        Assert.True(shutdownExit == ExitCodes.NoAnswer, shutdownOutput);
        Assert.Contains("no answer", shutdownOutput);

        // site add goes to the seed only, node shutdown to every node; each node logs each forged command once.
        var rejections = new Dictionary<string, int>(StringComparer.Ordinal) { ["seed1"] = 2, ["w1"] = 1, ["w2"] = 1 };
        await TestKit.AwaitCondition.UntilAsync(
            () => _cluster.Nodes.All(n => Rejections(n.Process) >= rejections[n.Name]),
            TestCluster.Wait,
            "the nodes to log the rejections");
        Assert.All(_cluster.Nodes, n => Assert.Equal(rejections[n.Name], Rejections(n.Process)));
        Assert.All(_cluster.Nodes, n => Assert.Contains("Rejected a control command (Forged)", n.Process.Output));

        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2");
        Assert.All(_cluster.Nodes, n => Assert.False(n.Process.HasExited, n.Name + " stopped"));
        var (listed, sites) = await _cluster.CliAsync("site", "list");
        Assert.True(listed == 0, sites);
        Assert.DoesNotContain(forged, sites);
        var queues = await _cluster.CtlJsonAsync("queue", "list");
        Assert.DoesNotContain(forged, queues.GetRawText());
    }

    [Fact]
    public async Task A_forged_command_on_the_brokers_control_exchange_stops_at_the_seeds_relay_logged_once_and_no_node_acts()
    {
        await using var wire = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var channel = "qa.control-" + _cluster.Id;
        var settings = ClusterSettings.FromConfig(ConfigLoader.Load(_cluster.ConfigFile));
        await using var script = await ControlClient.ConnectAsync(new BroadcastControlRoute(wire, channel), settings, CommandSigner.FromSettings(settings.Signing), CommandVerifier.FromSettings(settings.Signing));
        await TestKit.AwaitCondition.UntilAsync(
            async () => (await script.SendAsync(new ControlCall(ControlCommands.Status) { TargetNode = "w1", Timeout = TimeSpan.FromSeconds(1) })).Served.Count == 1,
            TestCluster.Wait,
            "the seed's relay to answer on the broker's control exchange");
        var forger = CommandSigner.FromSettings(ClusterSettings.FromConfig(ConfigLoader.Load(_cluster.ForgerConfigFile())).Signing);
        var shutdown = new ControlMessage { Kind = ControlMessageKind.Request, Sender = "script", Command = ControlCommands.NodeShutdown, TargetNode = "w1", CorrelationId = "forged" };

        await wire.BroadcastAsync(channel, ControlWire.Seal(shutdown, forger));
        var after = await script.SendAsync(new ControlCall(ControlCommands.Status) { TargetNode = "w1" }); // the relay keeps the exchange's order

        Assert.Equal("w1", Assert.Single(after.Served).Node);
        var seed = _cluster.Nodes.Single(n => n.Name == "seed1").Process;
        await TestKit.AwaitCondition.UntilAsync(() => Rejections(seed) == 1, TestCluster.Wait, "the seed's relay to log the forged command");
        Assert.Contains("Rejected a control command (Forged)", seed.Output, StringComparison.Ordinal);
        Assert.All(_cluster.Nodes.Where(n => n.Name != "seed1"), n => Assert.Equal(0, Rejections(n.Process)));
        Assert.All(_cluster.Nodes, n => Assert.False(n.Process.HasExited, n.Name + " stopped"));
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        _cluster.StartNode("w2", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static int Rejections(WorkerProcess node) => node.Output.Split(RejectionLine).Length - 1;
}
