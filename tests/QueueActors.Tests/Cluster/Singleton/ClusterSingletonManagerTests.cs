using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Singleton;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Singleton;

/// <summary>Candidates on one transport: one runs the singleton; when its node goes, another takes over.</summary>
public sealed class ClusterSingletonManagerTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IAsyncLifetime
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);
    private static readonly SingletonSettings Fast = new() { QueuePrefix = "qa.singleton.", TickInterval = TimeSpan.FromMilliseconds(50), LeaseTimeout = TimeSpan.FromSeconds(3) };
    private readonly InMemoryTransport _transport = new();
    private readonly List<ActorSystem> _nodes = [];
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Of_three_candidates_exactly_one_runs_the_singleton()
    {
        var started = CreateTestProbe();
        var managers = Enumerable.Range(1, 3).Select(i => StartCandidate("node-" + i, started)).ToArray();

        var first = await started.ExpectMsgAsync<string>();
        await started.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500)); // ten ticks later still only one

        var states = await Task.WhenAll(managers.Select(m => m.Ask<SingletonState>(GetSingletonState.Instance, AskTimeout)));
        Assert.Equal(1, states.Count(s => s.Active));
        Assert.StartsWith("node-", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_active_node_stops_another_candidate_starts_the_singleton()
    {
        var started = CreateTestProbe();
        StartCandidate("node-1", started);
        StartCandidate("node-2", started);
        var active = await started.ExpectMsgAsync<string>();

        await _nodes.Single(n => n.Name == active).Terminate();

        var next = await started.ExpectMsgAsync<string>();
        Assert.NotEqual(active, next);
    }

    [Fact]
    public async Task An_active_node_that_gets_no_more_ticks_stops_its_singleton()
    {
        var started = CreateTestProbe();
        var cut = new TickCuttingTransport(_transport);
        var node = ActorSystem.Create("node-1");
        _nodes.Add(node);
        var manager = node.ActorOf(ClusterSingletonManager.Props(cut, "test", Props.Create(() => new ReportingSingleton(started.Ref)), Fast with { LeaseTimeout = TimeSpan.FromMilliseconds(500) }, "node-1", logger: Logger("node-1")), "singleton-manager");
        await started.ExpectMsgAsync<string>();
        var singleton = (await manager.Ask<SingletonState>(GetSingletonState.Instance, AskTimeout)).Singleton!;
        started.Watch(singleton);

        cut.Cut = true; // as if another node had become the queue's active consumer

        await started.ExpectTerminatedAsync(singleton, TimeSpan.FromSeconds(5));
        Assert.False((await manager.Ask<SingletonState>(GetSingletonState.Instance, AskTimeout)).Active);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 6002);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Terminate();
        }

        await _transport.DisposeAsync();
    }

    private IActorRef StartCandidate(string name, Akka.TestKit.TestProbe started)
    {
        var node = ActorSystem.Create(name);
        _nodes.Add(node);
        return node.ActorOf(ClusterSingletonManager.Props(_transport, "test", Props.Create(() => new ReportingSingleton(started.Ref)), Fast, name, logger: Logger(name)), "singleton-manager");
    }

    private ILogger Logger(string node) => _logs.CreateLogger("singleton." + node);

    /// <summary>Once cut, ticks are taken from the queue but never reach the manager.</summary>
    private sealed class TickCuttingTransport(ITransport inner) : DelegatingTransport(inner)
    {
        public volatile bool Cut;

        public override Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
            Inner.SubscribeAsync(spec, prefetch, (delivery, token) => Cut ? delivery.AckAsync(token) : onDelivery(delivery, token), cancellationToken);
    }

    /// <summary>Tells the probe which node started it.</summary>
    private sealed class ReportingSingleton(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell(Context.System.Name);

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
