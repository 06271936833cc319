using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Outbox;

/// <summary>
/// The relay against a real SQLite file or a real PostgreSQL database and a real RabbitMQ: an event exists if and only
/// if the application's transaction committed, reaches its queue once, and waits in the outbox while the broker is down.
/// kill -9 of a node that relays the outbox while the application keeps committing: another relay takes over, nothing
/// committed is lost, and the only duplicates are rows the killed relay had published but not yet deleted: one batch.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxRelayTests(RabbitMqFixture brokers, PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Site = "shop.example";
    private const int KillBatchSize = 50;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _root = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly LogCapture _log = new();
    private ILoggerFactory _logging = null!;
    private RabbitMqTransport _transport = null!;
    private QueueTopology _topology = null!;
    private WorkerProcess? _worker;

    private string Queue => "orders" + _id;

    private string HotQueue => "hot" + _id;

    private OutboxWriter Writer => new(topology: _topology);

    [Theory]
    [InlineData(OutboxProvider.Sqlite)]
    [InlineData(OutboxProvider.Postgresql)]
    public async Task A_committed_event_is_delivered_once_and_a_rolled_back_one_never(OutboxProvider provider)
    {
        var database = await DatabaseAsync(provider);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        var rolledBack = await database.EnqueueAsync(Site, Queue, commit: false, new { order = 1 });
        var committed = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 2 }, new { order = 3 });
        var last = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 4 });

        await using var relay = StartRelay(database);
        var received = new List<string>();
        while (received.Count < 3)
        {
            var delivery = await probe.ExpectAsync(Wait);
            received.Add(delivery.Envelope.MessageId);
            await delivery.AckAsync();
        }

        // Once the outbox is empty the relay has nothing left to send: each committed event came once, the rolled-back one never.
        await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the relay to delete the published rows");
        Assert.Equal(committed.Append(last[0]).Order(), received.Order());
        Assert.DoesNotContain(rolledBack[0], received);
    }

    [Fact]
    public async Task A_row_for_an_invalid_site_goes_to_dead_letters_with_its_reason_and_the_rows_after_it_are_delivered()
    {
        var database = await DatabaseAsync(OutboxProvider.Sqlite);
        var deadLetters = await SubscribeAsync(_topology.DeadLetterSpec);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        await database.InsertRawAsync("bad-row", "no such site!", Queue);
        var after = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 1 });

        await using var relay = StartRelay(database);

        var letter = await deadLetters.ExpectAsync(Wait);
        using var record = JsonDocument.Parse(letter.Envelope.Body);
        Assert.Equal(("bad-row", "Unroutable"), (record.RootElement.GetProperty("messageId").GetString(), record.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(after[0], (await probe.ExpectAsync(Wait)).Envelope.MessageId);
        await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the dead-lettered row to be deleted, not retried");
    }

    [Fact]
    public async Task A_row_for_a_partitioned_queue_written_without_a_key_goes_to_dead_letters_saying_so()
    {
        var database = await DatabaseAsync(OutboxProvider.Sqlite);
        var deadLetters = await SubscribeAsync(_topology.DeadLetterSpec);
        var ids = await database.EnqueueAsync(Site, HotQueue, commit: true, new { order = 1 }); // a writer that does not know the topology

        await using var relay = StartRelay(database);

        var letter = await deadLetters.ExpectAsync(Wait);
        using var record = JsonDocument.Parse(letter.Envelope.Body);
        Assert.Equal((ids[0], "Unroutable"), (record.RootElement.GetProperty("messageId").GetString(), record.RootElement.GetProperty("reason").GetString()));
        Assert.Contains("no partition key", System.Text.Encoding.UTF8.GetString(letter.Envelope.Body.Span));
    }

    [Theory]
    [InlineData(OutboxProvider.Sqlite)]
    [InlineData(OutboxProvider.Postgresql)]
    public async Task An_outbox_event_with_a_key_reaches_the_partition_of_a_published_event_with_that_key_after_it(OutboxProvider provider)
    {
        const string Key = "user-42";
        var database = await DatabaseAsync(provider);
        var partition = await SubscribeAsync(_topology.PartitionSpec(HotQueue, PartitionHash.PartitionOf(Key, 4)));
        await using var relay = StartRelay(database);

        var published = await new EventPublisher(_transport, _topology).PublishAsync(Site, HotQueue, new { order = 1 }, new PublishOptions { PartitionKey = Key });
        var enqueued = await database.InTransactionAsync(transaction => Writer.EnqueueAsync(transaction, Site, HotQueue, new { order = 2 }, Key));

        // Published before the outbox event was committed: the partition has it first.
        Assert.Equal([published.MessageId, enqueued], [(await partition.ExpectAsync(Wait)).Envelope.MessageId, (await partition.ExpectAsync(Wait)).Envelope.MessageId]);
    }

    [Theory]
    [InlineData(OutboxProvider.Sqlite)]
    [InlineData(OutboxProvider.Postgresql)]
    public async Task An_event_for_a_partitioned_queue_without_a_key_is_refused_at_enqueue_and_the_transaction_goes_on(OutboxProvider provider)
    {
        var database = await DatabaseAsync(provider);

        var error = await database.InTransactionAsync(async transaction =>
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => Writer.EnqueueAsync(transaction, Site, HotQueue, new { order = 1 }));
            await Writer.EnqueueAsync(transaction, Site, Queue, new { order = 2 });
            return refused;
        });

        Assert.Contains("partitionKey", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await database.CountRowsAsync()); // the refused event was never written; the one after it committed
    }

    [Fact]
    public async Task With_the_broker_down_the_rows_stay_and_are_delivered_once_it_is_back()
    {
        var database = await DatabaseAsync(OutboxProvider.Postgresql);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        await using var relay = StartRelay(database);
        await brokers.Primary.StopAsync();
        try
        {
            var ids = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 1 });
            await _log.ExpectAsync(e => e.EventId.Id == 6602, Wait); // the relay tried, and failed
            Assert.Equal(1, await database.CountRowsAsync());

            await brokers.Primary.StartAsync();
            var delivery = await probe.ExpectAsync(Wait);
            Assert.Equal(ids[0], delivery.Envelope.MessageId);
            await delivery.AckAsync();
            await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the relay to delete the row after the confirm");
        }
        finally
        {
            if (!brokers.Primary.IsRunning)
            {
                await brokers.Primary.StartAsync();
            }
        }
    }

    [Fact]
    public async Task Killing_the_relaying_node_mid_stream_loses_nothing_and_duplicates_at_most_one_batch()
    {
        var (received, committed, wait) = (new ConcurrentQueue<string>(), new ConcurrentQueue<string>(), 2 * Wait);
        var database = await DatabaseAsync(OutboxProvider.Postgresql);
        await _transport.SubscribeAsync(_topology.SpecFor(Site, Queue), prefetch: 500, async (delivery, _) =>
        {
            received.Enqueue(delivery.Envelope.MessageId);
            await delivery.AckAsync();
        });
        using var producing = new CancellationTokenSource();
        var producer = ProduceAsync(database, committed, producing.Token);

        _worker = WorkerProcess.Start(WriteNodeConfig(database), "unused" + Queue, Path.Combine(_root.Path, "out"));
        await AwaitCondition.UntilAsync(() => received.Count >= 300 || _worker.HasExited, wait, "the node's relay to publish its first events");
        _worker.KillHard();
        await _worker.WaitForExitAsync();
        var atKill = received.Count;

        // Another relay takes over while the application still commits; then the application stops and the outbox drains.
        await using (new RunningRelay(database, _transport, _topology, KillBatchSize))
        {
            await AwaitCondition.UntilAsync(() => received.Count >= atKill + 100, wait, "the second relay to publish");
            await producing.CancelAsync();
            await producer;
            var all = committed.ToHashSet(StringComparer.Ordinal);
            await AwaitCondition.UntilAsync(
                async () => all.IsSubsetOf(received) && await database.CountRowsAsync() == 0,
                wait,
                "every committed event to be delivered and the outbox drained");

            var duplicates = received.Count - received.Distinct().Count();
            output.WriteLine($"{all.Count} committed, {received.Count} delivered ({atKill} before the kill), {duplicates} duplicates");
            Assert.True(atKill < all.Count, "killed mid-stream, not after it");
            Assert.InRange(duplicates, 0, KillBatchSize);
            Assert.True(received.ToHashSet(StringComparer.Ordinal).SetEquals(all), "nothing delivered that was not committed");
        }
    }

    public async Task InitializeAsync()
    {
        _logging = LoggerFactory.Create(logging => logging.AddProvider(_log));
        _transport = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var config = ConfigLoader.LoadText($$"""queueactors.messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}", partitions { {{HotQueue}} = 4 } }""", Hocon.Environment());
        _topology = new QueueTopology(MessagingSettings.FromConfig(config));
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            output.WriteLine($"--- node {_worker.Id} ---\n{_worker.Output}");
            await _worker.DisposeAsync();
        }

        foreach (var entry in _log.Entries)
        {
            output.WriteLine(entry.ToString());
        }

        await _transport.DisposeAsync();
        _logging.Dispose();
        _root.Dispose();
    }

    private async Task<OutboxTestDatabase> DatabaseAsync(OutboxProvider provider) =>
        await OutboxTestDatabase.CreateAsync(provider, provider == OutboxProvider.Postgresql
            ? await postgres.Server.CreateDatabaseAsync("outbox_" + _id)
            : $"Data Source={Path.Combine(_root.Path, "app.db")}");

    private async Task<DeliveryProbe> SubscribeAsync(QueueSpec spec)
    {
        var probe = new DeliveryProbe();
        await _transport.SubscribeAsync(spec, prefetch: 100, probe.OnDeliveryAsync);
        return probe;
    }

    private RunningRelay StartRelay(OutboxTestDatabase database) => new(database, _transport, _topology, batchSize: 10, _logging.CreateLogger<OutboxRelay>());

    // The application of the kill test: small transactions of five events, one after another, until told to stop.
    private async Task ProduceAsync(OutboxTestDatabase database, ConcurrentQueue<string> committed, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            var ids = await database.EnqueueAsync(Site, Queue, commit: true, [.. Enumerable.Range(0, 5).Select(n => (object)new { order = i, n })]);
            foreach (var id in ids)
            {
                committed.Enqueue(id);
            }
        }
    }

    private string WriteNodeConfig(OutboxTestDatabase database)
    {
        var file = Path.Combine(_root.Path, "node.conf");
        File.WriteAllText(file, $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}" }
              outbox { enabled = on, provider = postgresql, connection-string = {{JsonSerializer.Serialize(database.ConnectionString)}}, batch-size = {{KillBatchSize}}, poll-interval = 50ms }
              shutdown-timeout = 5s
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
            }
            """);
        return file;
    }
}
