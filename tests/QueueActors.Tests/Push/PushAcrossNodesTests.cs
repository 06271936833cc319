using System.Text.Json;
using QueueActors.Actors.Push;
using QueueActors.Tests.Cluster.MultiNode;
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
    public async Task An_event_pushed_on_one_node_reaches_a_client_on_the_other_and_a_client_reconnecting_to_either_misses_nothing_held()
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
