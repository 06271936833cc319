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

/// <summary>
/// While the broker is down the singleton manager fails on every tick (every second by default): it logs the first
/// failure, then one summary a minute, and one line when the ticks go through again (issue 5, item 9).
/// </summary>
public sealed class TickFailureLoggingTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"", output: output), IAsyncLifetime
{
    private static readonly SingletonSettings Settings = new() { QueuePrefix = "qa.singleton.", TickInterval = TimeSpan.FromSeconds(1), LeaseTimeout = TimeSpan.FromSeconds(3) };
    private readonly InMemoryTransport _transport = new();
    private readonly LogCapture _logs = new();

    /// <summary>The failure streak's clock; the ticks come from Akka's (test) scheduler, advanced with it.</summary>
    private ManualTimeProvider Time { get; } = new();

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task A_broker_down_for_two_minutes_gives_one_warning_two_summaries_and_one_recovery_line()
    {
        var broker = new DownTransport(_transport) { Down = true };
        var manager = Sys.ActorOf(ClusterSingletonManager.Props(broker, "test", Props.Create(() => new IdleSingleton()), Settings, "node-1", Time, _logs.CreateLogger("singleton")), "singleton-manager");
        await QueueActors.TestKit.AwaitCondition.UntilAsync(() => broker.Attempts == 1, because: "the first tick");
        await manager.Ask<SingletonState>(GetSingletonState.Instance, TimeSpan.FromSeconds(3));

        for (var second = 1; second <= 130; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            Scheduler.Advance(TimeSpan.FromSeconds(1));
            var expected = second + 1;
            await QueueActors.TestKit.AwaitCondition.UntilAsync(() => broker.Attempts == expected, because: $"tick {expected}");

            // The tick's turn has ended (its failure counted at this second) once the manager answers the next message.
            await manager.Ask<SingletonState>(GetSingletonState.Instance, TimeSpan.FromSeconds(3));
        }

        broker.Down = false;
        Time.Advance(TimeSpan.FromSeconds(1));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        await _logs.ExpectAsync(e => e.EventId.Id == 6005);

        var singletonLines = _logs.Entries.Where(e => e.EventId.Id is >= 6003 and <= 6005).ToArray();
        Assert.Collection(
            singletonLines,
            first => Assert.Equal((6003, LogLevel.Warning), (first.EventId.Id, first.Level)),
            summary => Assert.Contains("61 failures since", summary.Message, StringComparison.Ordinal),
            summary => Assert.Contains("121 failures since", summary.Message, StringComparison.Ordinal),
            recovered => Assert.Contains("published again after 131 failures", recovered.Message, StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    /// <summary>While down, every subscribe and publish fails as with no broker; counts the tries.</summary>
    private sealed class DownTransport(ITransport inner) : DelegatingTransport(inner)
    {
        private int attempts;

        public volatile bool Down;

        public int Attempts => Volatile.Read(ref attempts);

        public override Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
            Down ? Fail<Task<ISubscription>>() : Inner.SubscribeAsync(spec, prefetch, onDelivery, cancellationToken);

        public override ValueTask PublishAsync(string brokerQueue, Actors.Messaging.Envelope envelope, CancellationToken cancellationToken = default) =>
            Down ? Fail<ValueTask>() : Inner.PublishAsync(brokerQueue, envelope, cancellationToken);

        private T Fail<T>()
        {
            Interlocked.Increment(ref attempts);
            throw new TransportException("no broker server is reachable");
        }
    }

    private sealed class IdleSingleton : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }
}
