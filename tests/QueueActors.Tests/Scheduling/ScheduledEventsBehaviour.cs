using System.Diagnostics;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;
using QueueActors.Actors.Uniqueness.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>
/// Delayed, scheduled and unique events on a real database and transport: publishes go through
/// <see cref="EventPublisher"/>, the relay (<see cref="ScheduledEventRelay"/>) runs on the test's actor system.
/// A subclass opens the backends (SQLite, PostgreSQL, RabbitMQ with the SQLite store).
/// </summary>
public abstract class ScheduledEventsBehaviour(ITestOutputHelper output) : LoggingTestKit(output)
{
    protected static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly List<IAsyncDisposable> _owned = [];

    protected string Queue { get; } = "sched-" + Guid.NewGuid().ToString("N")[..8];

    protected ITransport Transport { get; private set; } = null!;

    protected IScheduledEvents Store { get; private set; } = null!;

    protected IUniqueKeys Keys { get; private set; } = null!;

    protected QueueTopology Topology { get; private set; } = null!;

    protected string BrokerQueue => "qa." + Queue;

    /// <summary>A partitioned queue (<see cref="Topology"/>: 4 partitions).</summary>
    private string PartitionedQueue => Queue + "-parts";

    /// <summary>A directory for the SQLite files of the test, deleted after it.</summary>
    protected TempDirectory DataDirectory { get; } = new();

    /// <summary>Opens the transport; what else it needs goes into <paramref name="owned"/>.</summary>
    protected abstract Task<ITransport> OpenTransportAsync(IList<IAsyncDisposable> owned);

    /// <summary>
    /// A node's store and keys on the cluster's database, opened afresh (each call: another node's view of the same
    /// database, nothing carried in memory; the transport is shared). By default in a SQLite file in <see cref="DataDirectory"/>.
    /// </summary>
    protected virtual async Task<(IScheduledEvents Store, IUniqueKeys Keys)> OpenOtherNodeAsync(TimeProvider time, IList<IAsyncDisposable> owned)
    {
        var database = await TestDatabases.OpenSqliteAsync(DataDirectory.Path);
        owned.Add(database);
        return (await SqliteScheduledEvents.OpenAsync(database, time), new SqliteUniqueKeys(database, time));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (Store, Keys) = await OpenOtherNodeAsync(TimeProvider.System, _owned);
        _owned.Add(Transport = await OpenTransportAsync(_owned));
        Topology = TopologyWith(partitions: 4);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync(); // the relay stops first
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        DataDirectory.Dispose();
    }

    [Fact]
    public async Task A_delayed_event_arrives_no_earlier_than_its_delay_is_counted_meanwhile_and_a_cancelled_one_never_arrives()
    {
        var probe = await SubscribeAsync();
        StartRelay(Store);
        var publisher = Publisher(Store, Keys, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var kept = await publisher.PublishAsync("s1", Queue, new { n = 1 }, new PublishOptions { Delay = Delay });
        var cancelled = await publisher.PublishAsync("s1", Queue, new { n = 2 }, new PublishOptions { DeliverAt = DateTimeOffset.UtcNow + Delay });

        Assert.Equal(PublishOutcome.Scheduled, kept.Outcome);
        var summary = Assert.Single(await Store.SummarizeAsync(), s => s.BrokerQueue == BrokerQueue);
        Assert.Equal(2, summary.Count);
        Assert.Equal(kept.DeliverAt!.Value.ToUnixTimeMilliseconds(), summary.NextDueAt.ToUnixTimeMilliseconds(), tolerance: 1);
        Assert.Equal([kept.MessageId, cancelled.MessageId], (await Store.ListAsync(BrokerQueue, "s1")).Select(e => e.MessageId));
        Assert.True(await Store.CancelAsync(cancelled.MessageId));

        var delivery = await probe.ExpectAsync(TimeSpan.FromSeconds(15));
        Assert.True(clock.Elapsed >= Delay, $"arrived after {clock.Elapsed}, before its delay of {Delay}");
        Assert.Equal(kept.MessageId, delivery.Envelope.MessageId);
        await delivery.AckAsync();
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
        Assert.DoesNotContain(await Store.SummarizeAsync(), s => s.BrokerQueue == BrokerQueue);
    }

    [Fact]
    public async Task A_delayed_event_to_a_partitioned_queue_goes_to_its_keys_partition_when_due_and_a_row_of_an_older_release_to_the_partition_it_names()
    {
        // 4 partitions when published, 8 when due: the event goes where its key's events go then, so take a key that moves.
        var key = Enumerable.Range(0, 100).Select(i => $"user-{i}").First(k => PartitionHash.PartitionOf(k, 8) >= 4);
        var resized = TopologyWith(partitions: 8);
        var (scheduledTo, dueIn) = (Topology.PartitionSpecFor(PartitionedQueue, key), resized.PartitionSpecFor(PartitionedQueue, key));
        var (scheduledProbe, dueProbe) = (await SubscribeAsync(scheduledTo), await SubscribeAsync(dueIn));
        StartRelay(Store, resized);

        var result = await Publisher(Store, Keys, TimeProvider.System).PublishAsync("s1", PartitionedQueue, new { n = 1 }, new PublishOptions { Delay = Delay, PartitionKey = key });
        var old = new Envelope { Site = "s1", Queue = PartitionedQueue, EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        await Store.ScheduleAsync(scheduledTo.BrokerQueue, old, DateTimeOffset.UtcNow + Delay); // no key: as a release before partition keys stored it

        Assert.Equal(scheduledTo.BrokerQueue, Assert.Single(await Store.ListAsync(site: "s1"), e => e.MessageId == result.MessageId).BrokerQueue); // listed where it was scheduled
        Assert.Equal(result.MessageId, (await dueProbe.ExpectAsync(TimeSpan.FromSeconds(15))).Envelope.MessageId);
        Assert.Equal(old.MessageId, (await scheduledProbe.ExpectAsync(TimeSpan.FromSeconds(15))).Envelope.MessageId);
    }

    [Fact]
    public async Task A_unique_key_drops_a_second_publish_within_its_window_also_from_another_node_and_is_taken_again_after_it()
    {
        var clock = new ManualTimeProvider();
        var (store, keys) = await OpenOtherNodeAsync(clock, _owned);
        var (otherStore, otherKeys) = await OpenOtherNodeAsync(clock, _owned); // a node started later: it sees the key
        var probe = await SubscribeAsync();
        var unique = new PublishOptions { UniqueKey = "digest:" + Queue, UniqueFor = TimeSpan.FromMinutes(10) };

        var first = await Publisher(store, keys, clock).PublishAsync("s1", Queue, new { n = 1 }, unique);
        var again = await Publisher(otherStore, otherKeys, clock).PublishAsync("s1", Queue, new { n = 2 }, unique);

        Assert.Equal(PublishOutcome.Published, first.Outcome);
        Assert.Equal((first.MessageId, PublishOutcome.Duplicate), (again.MessageId, again.Outcome));
        Assert.Equal(first.MessageId, (await probe.ExpectAsync()).Envelope.MessageId);
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
        clock.Advance(TimeSpan.FromMinutes(10));
        var after = await Publisher(otherStore, otherKeys, clock).PublishAsync("s1", Queue, new { n = 3 }, unique);
        Assert.Equal(PublishOutcome.Published, after.Outcome);
        Assert.Equal(after.MessageId, (await probe.ExpectAsync()).Envelope.MessageId);
    }

    [Fact]
    public async Task Nodes_racing_on_one_key_publish_exactly_one_event_and_a_delayed_unique_event_is_scheduled_once()
    {
        var (otherStore, otherKeys) = await OpenOtherNodeAsync(TimeProvider.System, _owned);
        var publishers = new[] { Publisher(Store, Keys, TimeProvider.System), Publisher(otherStore, otherKeys, TimeProvider.System) };
        var options = new PublishOptions { UniqueKey = "race:" + Queue, Delay = TimeSpan.FromHours(1) };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => publishers[i % 2].PublishAsync("s1", Queue, new { n = i }, options).AsTask()));

        var scheduled = Assert.Single(results, r => r.Outcome == PublishOutcome.Scheduled);
        Assert.All(results.Where(r => r != scheduled), r => Assert.Equal((scheduled.MessageId, PublishOutcome.Duplicate), (r.MessageId, r.Outcome)));
        Assert.Equal(scheduled.MessageId, Assert.Single(await otherStore.ListAsync(BrokerQueue)).MessageId);
    }

    [Fact]
    public async Task Retries_waiting_for_their_delay_are_counted_and_held_events_are_not_among_them()
    {
        await Transport.DeclareAsync(Topology.SpecFor("s1", Queue));
        var retry = new Envelope { Site = "s1", Queue = Queue, EnqueuedAt = DateTimeOffset.UtcNow, Attempts = 1, Body = "{}"u8.ToArray() };
        await Transport.PublishDelayedAsync(BrokerQueue, retry, TimeSpan.FromHours(1));
        await Publisher(Store, Keys, TimeProvider.System).PublishAsync("s1", Queue, new { n = 1 }, new PublishOptions { Delay = TimeSpan.FromHours(1) });

        await AssertOneRetryWaitingAsync(await Transport.GetStatusAsync(BrokerQueue));
    }

    /// <summary>The SQL transport counts per queue; RabbitMQ overrides (its delay queues are shared).</summary>
    protected virtual Task AssertOneRetryWaitingAsync(QueueStatus status)
    {
        Assert.Equal((0L, 1L), (status.MessagesReady, status.RetriesWaiting));
        return Task.CompletedTask;
    }

    protected EventPublisher Publisher(IScheduledEvents store, IUniqueKeys keys, TimeProvider time) =>
        new(Transport, Topology, time, store, keys, TimeSpan.FromHours(1));

    protected void StartRelay(IScheduledEvents store, QueueTopology? topology = null) =>
        Sys.ActorOf(ScheduledEventRelay.Props(store, Keys, Transport, topology ?? Topology, new SchedulingSettings { PollInterval = TimeSpan.FromMilliseconds(200), ClaimTimeout = TimeSpan.FromSeconds(2) }, TimeProvider.System, LoggerFactory.CreateLogger("relay")));

    private QueueTopology TopologyWith(int partitions) =>
        new(MessagingSettings.FromConfig(ConfigLoader.LoadText($"queueactors.messaging {{ persistent = [{Queue}], partitions {{ {PartitionedQueue} = {partitions} }} }}")));

    /// <summary>Subscribes a probe to <paramref name="spec"/> (default: site s1's broker queue of <see cref="Queue"/>).</summary>
    protected async Task<DeliveryProbe> SubscribeAsync(QueueSpec? spec = null)
    {
        var probe = new DeliveryProbe();
        var subscription = await Transport.SubscribeAsync(spec ?? Topology.SpecFor("s1", Queue), 10, probe.OnDeliveryAsync);
        _owned.Add(subscription);
        return probe;
    }
}
