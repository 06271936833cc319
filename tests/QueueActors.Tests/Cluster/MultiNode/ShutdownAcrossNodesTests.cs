using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// <c>ctl node shutdown</c> (StatusNet's <c>stop</c>) to every node: each finishes its events in flight and exits
/// 0; the events it had not started stay on the broker and a worker started later handles them: nothing is lost.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ShutdownAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    // Two workers of concurrency 1 need 15 s for the slow ones: the shutdown (a ctl process) comes well before.
    private const int Slow = 60;
    private const int Events = 100;
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Node_shutdown_stops_every_node_gracefully_and_the_events_not_started_are_handled_by_a_later_worker()
    {
        var publisher = await _cluster.PublisherAsync();
        var ids = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            ids.Add(await publisher.PublishAsync("s1", _cluster.Queue, new { action = i < Slow ? "sleep" : "ok", text = "event " + i }));
        }

        await _cluster.AwaitMarkerAsync("started.*");

        var (exitCode, shutdownOutput) = await _cluster.CliAsync("ctl", "node", "shutdown");

        Assert.True(exitCode == 0, shutdownOutput);
        foreach (var (name, node) in _cluster.Nodes)
        {
            await node.WaitForExitAsync().WaitAsync(TestCluster.Wait);
            Assert.True(node.ExitCode == 0, $"{name} exited with {node.ExitCode}\n{node.Output}");
        }

        var started = Directory.GetFiles(_cluster.Out, "started.*").Select(Path.GetFileName).ToArray();
        Assert.NotEmpty(started);
        Assert.All(started, s => Assert.True(_cluster.HasMarker("handled." + s!["started.".Length..]), $"{s} was in flight and was not finished"));
        var handledBefore = ids.Count(id => _cluster.HasMarker($"handled.{id}.*"));
        output.WriteLine($"before the shutdown: {started.Length} started, {handledBefore} handled; {Events - handledBefore} left on the queue");
        Assert.True(handledBefore < Events, "every event was handled before the shutdown: the test proves nothing");
        // The quorum queue applies the last acks and the handed-back returns through its log: await its count.
        await AwaitCondition.UntilAsync(async () => await _cluster.ReadyAsync("qa." + _cluster.Queue) == Events - handledBefore, TestCluster.Wait, $"{Events - handledBefore} events left on the queue");

        var later = _cluster.StartNode("w9", "worker", "queueactors.processing.queue-defaults.concurrency = 8");
        foreach (var id in ids)
        {
            await _cluster.AwaitMarkerAsync($"handled.{id}.*");
        }

        Assert.Equal(Events - handledBefore, Directory.GetFiles(_cluster.Out, $"handled.*.{later.Id}").Length);
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
}
