using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Relay;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Relay;

/// <summary>
/// Where and in what order the relay round (outbox and scheduled events) sends rows of a partitioned queue: to the
/// row's key's partition, the one the publisher picks for that key; a row of an older release without a key to the
/// partition it names; a row with no usable key to dead letters; a partition's rows one after another. A plain
/// queue's row goes where its site's events go now.
/// </summary>
public sealed class RowRelayPartitionTests : IAsyncLifetime
{
    private const int Partitions = 4;
    private readonly FailingTransport _transport = new(new InMemoryTransport());
    private readonly QueueTopology _topology = new(MessagingSettings.FromConfig(ConfigLoader.LoadText($"queueactors.messaging.partitions {{ orders = {Partitions} }}")));

    [Fact]
    public async Task A_keyed_row_goes_to_the_partition_the_publisher_picks_for_the_same_key()
    {
        await new EventPublisher(_transport, _topology).PublishAsync("s1", "orders", new { n = 1 }, new PublishOptions { PartitionKey = "user-7" });

        var table = await RelayAsync(Row(1, "orders", key: "user-7"));

        Assert.Equal([1L], table.Done);
        var partition = PartitionHash.PartitionOf("user-7", Partitions);
        Assert.Equal(Handed(partition, partition), await CountsAsync());
    }

    [Fact]
    public async Task A_scheduled_row_goes_to_its_keys_partition_now_and_a_row_of_an_older_release_to_the_partition_it_names()
    {
        var keyed = PartitionHash.PartitionOf("user-7", Partitions);
        var other = (keyed + 1) % Partitions;

        await RelayAsync(Row(1, "orders", key: "user-7", brokerQueue: $"qa.orders.p{other}"), Row(2, "orders", brokerQueue: $"qa.orders.p{other}"));

        Assert.Equal(Handed(keyed, other), await CountsAsync());
    }

    [Theory]
    [InlineData(null, null, "carries no partition key")]
    [InlineData(null, "qa.orders.p9", "carries no partition key")] // a partition the queue no longer has
    [InlineData("  ", null, "non-blank")]
    public async Task A_partitioned_row_without_a_usable_key_goes_to_dead_letters_saying_why(string? key, string? brokerQueue, string reason)
    {
        var table = await RelayAsync(Row(1, "orders", key, brokerQueue));

        Assert.Contains(reason, Assert.Single(table.Reasons), StringComparison.Ordinal);
        Assert.Equal(1, (await _transport.GetStatusAsync(_topology.DeadLetterSpec.BrokerQueue)).MessagesReady);
        Assert.Equal([1L], table.Done); // deleted, never retried in a loop
        Assert.Equal(Handed(), await CountsAsync());
    }

    [Fact]
    public async Task A_partitions_row_that_fails_holds_back_the_later_rows_of_its_partition_and_no_other()
    {
        var other = Enumerable.Range(0, 100).Select(i => $"user-{i}").First(k => PartitionHash.PartitionOf(k, Partitions) != PartitionHash.PartitionOf("user-7", Partitions));
        _transport.FailingId = "m1";

        var table = await RelayAsync(expectFailure: true, Row(1, "orders", key: "user-7"), Row(2, "orders", key: "user-7"), Row(3, "orders", key: other), Row(4, "email", key: "user-7"));

        Assert.Equal([3L, 4L], table.Done.Order()); // 1 and 2 are given back together, to be published in order again
        Assert.Equal(Handed(PartitionHash.PartitionOf(other, Partitions)), await CountsAsync());
    }

    [Fact]
    public async Task A_scheduled_row_of_a_plain_queue_goes_to_the_queue_its_site_has_now()
    {
        // Scheduled while s1 was on the shared queue; s1 was broken out before the row was due, and back again.
        _topology.SetSiteBreakout("s1", ["email"]);
        await RelayAsync(Row(1, "email", brokerQueue: "qa.email"));
        Assert.Equal((1L, 0L), await ReadyAsync("qa.s1.email", "qa.email"));

        _topology.SetSiteBreakout("s1", []);
        await RelayAsync(Row(2, "email", brokerQueue: "qa.s1.email"));
        Assert.Equal((1L, 1L), await ReadyAsync("qa.s1.email", "qa.email"));
    }

    [Fact]
    public async Task A_key_on_a_plain_queue_is_ignored_as_the_publisher_ignores_it()
    {
        var table = await RelayAsync(Row(1, "email", key: "user-7"));

        Assert.Equal([1L], table.Done);
        Assert.Equal(1, (await _transport.GetStatusAsync("qa.email")).MessagesReady);
    }

    public Task InitializeAsync()
    {
        _topology.SitesKnown();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private static RelayRow Row(long id, string queue, string? key = null, string? brokerQueue = null) =>
        new(id, new Envelope { MessageId = $"m{id}", Site = "s1", Queue = queue, EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() }, brokerQueue, key);

    /// <summary>The events each partition should hold when one went to each of <paramref name="partitions"/>.</summary>
    private static long[] Handed(params int[] partitions) => [.. Enumerable.Range(0, Partitions).Select(p => (long)partitions.Count(q => q == p))];

    private async Task<long[]> CountsAsync()
    {
        var counts = new long[Partitions];
        for (var p = 0; p < Partitions; p++)
        {
            await _transport.DeclareAsync(_topology.PartitionSpec("orders", p)); // an undeclared partition got nothing
            counts[p] = (await _transport.GetStatusAsync($"qa.orders.p{p}")).MessagesReady;
        }

        return counts;
    }

    /// <summary>The events ready on two queues of s1's email (shared or broken out).</summary>
    private async Task<(long, long)> ReadyAsync(string first, string second)
    {
        foreach (var queue in new[] { first, second })
        {
            await _transport.DeclareAsync(queue == "qa.email" ? _topology.SharedSpec("email") : _topology.BreakoutSpec("s1", "email")); // an undeclared queue got nothing
        }

        return ((await _transport.GetStatusAsync(first)).MessagesReady, (await _transport.GetStatusAsync(second)).MessagesReady);
    }

    private Task<OneBatch> RelayAsync(params RelayRow[] rows) => RelayAsync(expectFailure: false, rows);

    private async Task<OneBatch> RelayAsync(bool expectFailure, params RelayRow[] rows)
    {
        var table = new OneBatch(rows);
        var relay = new RowRelay(table, _transport, _topology, "test-node", TimeProvider.System, batchSize: 10, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        var retryIn = await relay.RunRoundAsync(CancellationToken.None);
        Assert.Equal(expectFailure, retryIn > TimeSpan.Zero); // else null: a batch that was not full, relayed
        Assert.Equal(expectFailure, table.Failed);
        return table;
    }

    /// <summary>The in-memory transport, refusing the publish of one message id.</summary>
    private sealed class FailingTransport(InMemoryTransport inner) : DelegatingTransport(inner)
    {
        public string? FailingId { get; set; }

        public override ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) =>
            envelope.MessageId == FailingId ? ValueTask.FromException(new IOException("refused by the test")) : base.PublishAsync(brokerQueue, envelope, cancellationToken);
    }

    /// <summary>A table that gives its rows in one claim and records what the round did with them.</summary>
    private sealed class OneBatch(IReadOnlyList<RelayRow> rows) : IRelayTable, IRelayClaim
    {
        public List<long> Done { get; } = [];

        public List<string> Reasons { get; } = [];

        public bool Failed { get; private set; }

        public IReadOnlyList<RelayRow> Rows => rows;

        public Task<IRelayClaim> ClaimAsync(int batchSize, CancellationToken cancellationToken) => Task.FromResult<IRelayClaim>(this);

        public Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken)
        {
            Done.AddRange(done);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public void Relayed(int count, int failedRounds)
        {
        }

        public void PublishFailed(RelayRow row, int pending, Exception error, TimeSpan retryIn) => Failed = true;

        public void StoreFailed(Exception error, TimeSpan retryIn) => throw new InvalidOperationException("the table failed", error);

        public void Unroutable(Envelope envelope, string site, string queue, Exception error) => Reasons.Add(error.Message);
    }
}
