using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Envelope = QueueActors.Actors.Messaging.Envelope;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>The dead-letter queue consumer on a real broker: one active consumer among seeds, and non-records kept aside.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqDeadLetterQueueConsumerTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly QueueTopology _topology = new(MessagingSettings.FromConfig(ConfigLoader.LoadText(
        $"queueactors.messaging.dead-letter-queue = \"qa.dead-letters-{Guid.NewGuid().ToString("N")[..8]}\"")));

    private readonly RabbitMqFixture brokers;
    private readonly LogCapture _logs = new();
    private readonly ILoggerFactory _loggers;
    private RabbitMqTransport _transport = null!;

    public RabbitMqDeadLetterQueueConsumerTests(RabbitMqFixture brokers)
    {
        this.brokers = brokers;
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
    }

    public async Task InitializeAsync()
    {
        _transport = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        await _transport.DeclareAsync(_topology.DeadLetterSpec);
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await _transport.DisposeAsync();
        _loggers.Dispose();
    }

    [Fact]
    public async Task Of_two_seed_consumers_only_one_takes_records_and_the_other_takes_over_when_it_stops()
    {
        var (firstStore, secondStore) = (CreateTestProbe("store-1"), CreateTestProbe("store-2"));
        var first = Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, firstStore.Ref, logger: _loggers.CreateLogger<DeadLetterQueueConsumer>()));
        await AwaitConsumersAsync(1);
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, secondStore.Ref, logger: _loggers.CreateLogger<DeadLetterQueueConsumer>()));
        await QueueActors.TestKit.AwaitCondition.UntilAsync(() => _logs.Entries.Count(e => e.EventId.Id == 6110) == 2, TimeSpan.FromSeconds(10), "the second consumer to subscribe");

        for (var i = 0; i < 3; i++)
        {
            var record = await PublishRecordAsync();
            Assert.Equal(record.Id, (await firstStore.ExpectMsgAsync<RecordDeadLetter>()).Record.Id);
            firstStore.Reply(new DeadLetterRecorded(record.Id, false));
        }

        await secondStore.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Sys.Stop(first);
        var later = await PublishRecordAsync();
        Assert.Equal(later.Id, (await secondStore.ExpectMsgAsync<RecordDeadLetter>(TimeSpan.FromSeconds(15))).Record.Id);
    }

    [Fact]
    public async Task A_delivery_that_is_not_a_record_ends_in_the_invalid_queue_unchanged()
    {
        var store = CreateTestProbe("store");
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store.Ref, logger: _loggers.CreateLogger<DeadLetterQueueConsumer>()));
        await AwaitConsumersAsync(1);

        await _transport.PublishAsync(_topology.DeadLetterSpec.BrokerQueue, new Envelope
        {
            MessageId = "not-a-record",
            Site = "example.com",
            Queue = "email",
            EnqueuedAt = DateTimeOffset.UtcNow,
            ContentType = "text/plain",
            Body = "hello"u8.ToArray(),
        });

        await QueueActors.TestKit.AwaitCondition.UntilAsync(async () => (await _transport.GetStatusAsync(_topology.InvalidDeadLetterQueue)).MessagesReady == 1, TimeSpan.FromSeconds(10), "the delivery to reach the invalid queue");
        var kept = new DeliveryProbe();
        await using var subscription = await _transport.SubscribeAsync(new Actors.Transport.QueueSpec(_topology.InvalidDeadLetterQueue, true), 1, kept.OnDeliveryAsync);
        var delivery = await kept.ExpectAsync();
        Assert.Equal(("not-a-record", "text/plain", "hello"), (delivery.Envelope.MessageId, delivery.Envelope.ContentType, System.Text.Encoding.UTF8.GetString(delivery.Envelope.Body.Span)));
        await store.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    private Task AwaitConsumersAsync(int count) =>
        QueueActors.TestKit.AwaitCondition.UntilAsync(async () => (await _transport.GetStatusAsync(_topology.DeadLetterSpec.BrokerQueue)).Consumers == count, TimeSpan.FromSeconds(10), $"{count} consumer(s)");

    private async Task<DeadLetterRecord> PublishRecordAsync()
    {
        var envelope = new Envelope { Site = "example.com", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        var record = DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.RetriesExhausted, 6, null, "node-a", DateTimeOffset.UtcNow);
        await _transport.PublishAsync(_topology.DeadLetterSpec.BrokerQueue, new Envelope
        {
            MessageId = record.Id,
            Site = record.Site,
            Queue = record.Queue,
            EnqueuedAt = record.LastFailureAt,
            ContentType = DeadLetterRecord.QueueContentType,
            Body = DeadLetterFiles.ToJson(record),
        });
        return record;
    }
}
