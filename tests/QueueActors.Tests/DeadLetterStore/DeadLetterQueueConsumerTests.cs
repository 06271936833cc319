using System.Text;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Envelope = QueueActors.Actors.Messaging.Envelope;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Persistence;
using Xunit;
using StoreActor = QueueActors.Actors.Processing.DeadLetters.Store.DeadLetterStore;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>The dead-letter queue consumer: records reach the store, acked only once persisted; non-records are kept aside.</summary>
public sealed class DeadLetterQueueConsumerTests : PersistenceTestKit
{
    private readonly InMemoryTransport _inMemory = new();
    private readonly SettlementRecordingTransport _transport;
    private readonly QueueTopology _topology = new(MessagingSettings.FromConfig(ConfigLoader.Reference));
    private readonly TempDirectory _folder = new();

    public DeadLetterQueueConsumerTests()
        : base(new SqlitePersistenceBackend())
    {
        _transport = new SettlementRecordingTransport(_inMemory);
        _transport.DeclareAsync(_topology.DeadLetterSpec).GetAwaiter().GetResult();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _folder.Dispose();
        }
    }

    [Fact]
    public async Task A_record_is_acked_only_after_the_store_replied_that_it_persisted_it()
    {
        var store = CreateTestProbe("store");
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store.Ref, logger: ConsumerLogger));
        var record = NewRecord();

        await PublishAsync(DeadLetterRecord.QueueContentType, DeadLetterFiles.ToJson(record), record.Id);

        var command = await store.ExpectMsgAsync<RecordDeadLetter>();
        var consumer = store.LastSender;
        Assert.Equal(record.Id, command.Record.Id);
        await store.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.True(_transport.NothingSettled, "acked before the store replied");
        consumer.Tell(new DeadLetterRecorded(record.Id, false));
        Assert.Equal((record.Id, "ack"), await _transport.ExpectSettlementAsync());
    }

    [Fact]
    public async Task Several_records_are_with_the_store_at_once_and_each_is_acked_on_its_own_reply()
    {
        var store = CreateTestProbe("store");
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store.Ref, logger: ConsumerLogger));
        var records = new[] { NewRecord(), NewRecord(), NewRecord() };
        foreach (var record in records)
        {
            await PublishAsync(DeadLetterRecord.QueueContentType, DeadLetterFiles.ToJson(record), record.Id);
        }

        // All three reach the store before any is confirmed (one at a time, the store would batch nothing).
        var asked = new List<(string Id, IActorRef Asker)>();
        for (var i = 0; i < records.Length; i++)
        {
            asked.Add(((await store.ExpectMsgAsync<RecordDeadLetter>()).Record.Id, store.LastSender));
        }

        Assert.Equal(records.Select(r => r.Id).Order(), asked.Select(a => a.Id).Order());
        Assert.True(_transport.NothingSettled, "acked before the store replied");
        asked.Reverse();
        foreach (var (id, asker) in asked)
        {
            asker.Tell(new DeadLetterRecorded(id, false));
            Assert.Equal((id, "ack"), await _transport.ExpectSettlementAsync());
        }
    }

    [Fact]
    public async Task A_record_the_store_does_not_confirm_in_time_is_requeued_and_comes_again()
    {
        var store = CreateTestProbe("store");
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store.Ref, storeTimeout: TimeSpan.FromMilliseconds(300), logger: ConsumerLogger));
        var record = NewRecord();

        await PublishAsync(DeadLetterRecord.QueueContentType, DeadLetterFiles.ToJson(record), record.Id);

        await store.ExpectMsgAsync<RecordDeadLetter>();
        Assert.Equal((record.Id, "requeue"), await _transport.ExpectSettlementAsync());
        await store.ExpectMsgAsync<RecordDeadLetter>(r => r.Record.Id == record.Id);
        store.Reply(new DeadLetterRecorded(record.Id, false));
        Assert.Equal((record.Id, "ack"), await _transport.ExpectSettlementAsync());
    }

    [Fact]
    public async Task With_the_real_store_the_record_is_persisted_and_filed_before_the_ack()
    {
        var files = new DeadLetterFiles(_folder.Path);
        var store = Sys.ActorOf(StoreActor.Props(files, _transport, _topology));
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store, logger: ConsumerLogger));
        var record = NewRecord();

        await PublishAsync(DeadLetterRecord.QueueContentType, DeadLetterFiles.ToJson(record), record.Id);

        Assert.Equal((record.Id, "ack"), await _transport.ExpectSettlementAsync());
        Assert.Single(await JournalSequenceNrsAsync(StoreActor.Id));
        Assert.True(File.Exists(Path.Combine(files.Directory, record.Id + ".json")));
        Assert.Equal(record, (await new DeadLetterStoreClient(store).ShowAsync(record.Id))?.Record);
    }

    [Theory]
    [InlineData("application/json", """{"id":"x"}""", "content type application/json")]
    [InlineData(DeadLetterRecord.QueueContentType, "{not json", "not a dead-letter record")]
    [InlineData(DeadLetterRecord.QueueContentType, "null", "JSON null")]
    public async Task A_delivery_that_is_not_a_record_is_logged_and_moved_to_the_invalid_queue(string contentType, string body, string reason)
    {
        var store = CreateTestProbe("store");
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store.Ref, logger: ConsumerLogger));

        await PublishAsync(contentType, Encoding.UTF8.GetBytes(body), "bad-1");

        Assert.Equal(("bad-1", "reject"), await _transport.ExpectSettlementAsync());
        Assert.Equal(1, (await _transport.GetStatusAsync(_topology.InvalidDeadLetterQueue)).MessagesReady);
        var logged = await Logs.ExpectAsync(e => e.EventId.Id == 6112);
        Assert.Contains(reason, logged.Message, StringComparison.Ordinal);
        Assert.Contains(_topology.InvalidDeadLetterQueue, logged.Message, StringComparison.Ordinal);
        await store.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_record_of_an_event_that_named_no_site_is_listed_under_the_placeholder_and_replayed_as_it_came()
    {
        var files = new DeadLetterFiles(_folder.Path);
        var store = Sys.ActorOf(StoreActor.Props(files, _transport, _topology));
        Sys.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, store, logger: ConsumerLogger));
        var record = NewRecord() with { Site = "" }; // what a node made of a plain event before the placeholder

        await PublishAsync(DeadLetterRecord.QueueContentType, DeadLetterFiles.ToJson(record), record.Id);

        Assert.Equal((record.Id, "ack"), await _transport.ExpectSettlementAsync());
        var client = new DeadLetterStoreClient(store);
        var listed = Assert.Single((await client.ListAsync()).Entries);
        Assert.Equal((record.Id, DeadLetterRecord.NoSite), (listed.Record.Id, listed.Record.Site));
        Assert.Equal(0, (await _transport.GetStatusAsync(_topology.InvalidDeadLetterQueue)).MessagesReady);

        var replayed = new DeliveryProbe();
        await _transport.DeclareAsync(_topology.SharedSpec("email"));
        await using var subscription = await _transport.SubscribeAsync(_topology.SharedSpec("email"), 1, replayed.OnDeliveryAsync);
        Assert.Equal([record.Id], (await client.ReplayAsync(record.Id)).Replayed);
        var again = (await replayed.ExpectAsync()).Envelope;
        Assert.Equal(("", "email", "{}"), (again.Site, again.Queue, Encoding.UTF8.GetString(again.Body.Span))); // its queue's default-site names it
    }

    [Fact]
    public async Task A_record_whose_id_could_name_a_path_is_not_a_valid_record()
    {
        var record = NewRecord() with { Id = "../../etc/passwd" };
        var envelope = new Envelope { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, ContentType = DeadLetterRecord.QueueContentType, Body = DeadLetterFiles.ToJson(record) };

        Assert.False(DeadLetterQueueConsumer.TryRead(envelope, out _, out var problem));
        Assert.Contains("id", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_queue_has_one_active_consumer_and_keeps_what_it_rejects()
    {
        var spec = _topology.DeadLetterSpec;
        Assert.True(spec.SingleActiveConsumer);
        Assert.Equal("qa.dead-letters.invalid", spec.DeadLetterQueue);
    }

    private ILogger ConsumerLogger => Loggers.CreateLogger<DeadLetterQueueConsumer>();

    private ValueTask PublishAsync(string contentType, byte[] body, string messageId) =>
        _transport.PublishAsync(_topology.DeadLetterSpec.BrokerQueue, new Envelope
        {
            MessageId = messageId,
            Site = "example.com",
            Queue = "email",
            EnqueuedAt = DateTimeOffset.UtcNow,
            ContentType = contentType,
            Body = body,
        });

    private static DeadLetterRecord NewRecord()
    {
        var envelope = new Envelope { Site = "example.com", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        return DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.Undecodable, 1, null, "node-a", DateTimeOffset.UtcNow);
    }
}
