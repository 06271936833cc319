using System.Diagnostics;
using System.Text.Json;
using QueueActors.Actors.Push;
using QueueActors.Tests.Cluster.MultiNode;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Push;

/// <summary>
/// Two real node processes (a seed and a worker on RabbitMQ): a handler on the worker pushes, clients follow on either
/// node's listener; the channel's owner (a sharded entity) lives on one of them.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class PushAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly int _seedHttp = TestCluster.FreePort();
    private readonly int _workerHttp = TestCluster.FreePort();
    private TestCluster _cluster = null!;

    [Fact]
    public async Task An_event_pushed_on_one_node_reaches_a_client_on_the_other_a_reconnecting_client_misses_nothing_held_and_kill_9_of_a_node_leaves_clients_following()
    {
        var channel = PushChannel.Site("s1").Name;
        var path = "/push/sse?channel=" + channel;
        var publisher = await _cluster.PublisherAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        // A client on the seed; the handler runs on the worker.
        string lastId;
        await using (var onSeed = await SseClient.ConnectAsync(http, Url(_seedHttp, path), channels: channel))
        {
            await publisher.PublishAsync("s1", _cluster.Queue, new { action = "n1", text = channel });
            var first = await onSeed.NextAsync();
            Assert.Equal(("note", """{"label":"n1"}"""), (first.Type, first.Data));
            lastId = first.Id;
        }

        // Pushed while no client is connected: held by the channel's owner.
        foreach (var label in new[] { "n2", "n3" })
        {
            var id = await publisher.PublishAsync("s1", _cluster.Queue, new { action = label, text = channel });
            await _cluster.AwaitMarkerAsync("pushed." + id);
        }

        // Back, on the other node, with its Last-Event-ID: the two it missed, then what comes next, once each, in order.
        await using var onWorker = await SseClient.ConnectAsync(http, Url(_workerHttp, path), lastId, channel);
        await publisher.PublishAsync("s1", _cluster.Queue, new { action = "n4", text = channel });
        var labels = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            labels.Add(JsonDocument.Parse((await onWorker.NextAsync()).Data).RootElement.GetProperty("label").GetString()!);
        }

        Assert.Equal(["n2", "n3", "n4"], labels);

        // kill -9 of the seed: if it held the channel's owner, the owner starts anew on the worker (an empty history, a new
        // epoch) and the client gets a reset first; either way the next push reaches it, and nothing comes twice.
        var clock = Stopwatch.StartNew();
        var seed = _cluster.Nodes.Single(n => n.Name == "seed1").Process;
        seed.KillHard();
        await seed.WaitForExitAsync();
        // A push made before the cluster removed the dead node still goes to the owner there, and is lost (fire-and-forget).
        await AwaitCondition.UntilAsync(
            async () => (await _cluster.MembersAsync()).TryGetValue("seed1", out var m) && m.GetProperty("state").GetString() is "down" or "removed",
            TestCluster.Wait,
            "seed1 to be downed\n" + _cluster.Outputs());
        var removed = clock.Elapsed;
        await publisher.PublishAsync("s1", _cluster.Queue, new { action = "n5", text = channel });
        var after = new List<SseEvent> { await onWorker.NextAsync() };
        if (after[0].Type == PushEventType.Reset)
        {
            after.Add(await onWorker.NextAsync());
        }

        Assert.Equal(("note", """{"label":"n5"}"""), (after[^1].Type, after[^1].Data));
        output.WriteLine($"after kill -9 of the seed the client on the worker got [{string.Join(", ", after.Select(e => e.Type))}] {clock.Elapsed.TotalSeconds:0.0} s later (the seed was downed after {removed.TotalSeconds:0.0} s)");
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        var push = new Dictionary<string, string> { ["QA_WORKER_HANDLER"] = "push" };
        _cluster.StartNode("seed1", "seed", Http(_seedHttp));
        _cluster.StartNode("w1", "worker", Http(_workerHttp), push);
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string Http(int port) => $"queueactors.http {{ enabled = on, port = {port} }}";

    private static string Url(int port, string path) => $"http://127.0.0.1:{port}{path}";
}
