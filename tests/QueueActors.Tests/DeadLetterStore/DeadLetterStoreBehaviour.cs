using System.Text;
using QueueActors.Actors.Processing.DeadLetters.Store;
using Akka.Actor;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Persistence;
using Xunit;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>The dead-letter store's commands: record, list, show, replay, purge.</summary>
public abstract class DeadLetterStoreBehaviour(IPersistenceTestBackend backend) : DeadLetterStoreTestBase(backend)
{
    [Fact]
    public async Task A_record_is_persisted_once_and_recording_it_again_is_known()
    {
        var store = await StartStoreAsync();
        var record = NewRecord();

        Assert.Equal(new DeadLetterRecorded(record.Id, AlreadyKnown: false), await RecordAsync(store, record));
        Assert.Equal(new DeadLetterRecorded(record.Id, AlreadyKnown: true), await RecordAsync(store, record));

        var list = await AskAsync<DeadLetterList>(store, new ListDeadLetters());
        Assert.Equal(1, list.Total);
        Assert.Equal(record, Assert.Single(list.Entries).Record);
        Assert.Equal(Clock.GetUtcNow(), list.Entries[0].RecordedAt);
    }

    [Fact]
    public async Task A_second_letter_of_one_event_under_another_id_is_folded_into_the_first_and_its_file_removed()
    {
        var store = await StartStoreAsync();
        var first = NewRecord();
        var second = first with { Id = first.Id + "-2", Reason = Actors.Processing.DeadLetters.DeadLetterReason.CrashLoop };
        await RecordAsync(store, first);
        await Files.WriteAsync(second); // the node that dead-lettered it wrote its file

        Assert.Equal(new DeadLetterRecorded(first.Id, AlreadyKnown: true), await RecordAsync(store, second));

        var list = await AskAsync<DeadLetterList>(store, new ListDeadLetters());
        Assert.Equal(first, Assert.Single(list.Entries).Record);
        await AssertFilesAgreeAsync(store);
    }

    [Fact]
    public async Task The_list_filters_by_site_and_queue_and_stops_at_the_limit_with_the_total()
    {
        var store = await StartStoreAsync();
        var a = NewRecord("a.example", "email");
        var b = NewRecord("a.example", "digest");
        var c = NewRecord("b.example", "email");
        foreach (var record in new[] { a, b, c })
        {
            await RecordAsync(store, record);
        }

        Assert.Equal([a.Id, b.Id], Ids(await AskAsync<DeadLetterList>(store, new ListDeadLetters(Site: "a.example"))));
        Assert.Equal([a.Id, c.Id], Ids(await AskAsync<DeadLetterList>(store, new ListDeadLetters(Queue: "email"))));
        Assert.Equal([c.Id], Ids(await AskAsync<DeadLetterList>(store, new ListDeadLetters("b.example", "email"))));
        var limited = await AskAsync<DeadLetterList>(store, new ListDeadLetters(Limit: 2));
        Assert.Equal([a.Id, b.Id], Ids(limited));
        Assert.Equal(3, limited.Total);
        store.Tell(new ListDeadLetters(Limit: 0), TestActor);
        Assert.IsType<ArgumentOutOfRangeException>((await ExpectMsgAsync<Status.Failure>()).Cause);
    }

    [Fact]
    public async Task Show_replies_with_the_entry_or_not_found()
    {
        var store = await StartStoreAsync();
        var record = NewRecord();
        await RecordAsync(store, record);

        Assert.Equal(record, (await AskAsync<DeadLetterEntry>(store, new ShowDeadLetter(record.Id))).Record);
        Assert.Equal(new DeadLetterNotFound("nope"), await AskAsync<DeadLetterNotFound>(store, new ShowDeadLetter("nope")));
    }

    [Fact]
    public async Task Replaying_one_publishes_the_original_payload_as_a_fresh_event_and_marks_it_replayed()
    {
        var store = await StartStoreAsync();
        var record = NewRecord(payload: """{"to":"ü@example.com"}""", headers: new Dictionary<string, string> { ["trace"] = "t-1" });
        await RecordAsync(store, record);
        var events = await SubscribeAsync(record.Site, record.Queue);
        Clock.Advance(TimeSpan.FromMinutes(3));

        var replayed = await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.One(record.Id));

        Assert.Equal([record.Id], replayed.Replayed);
        Assert.Empty(replayed.Failed);
        var envelope = (await events.ExpectAsync()).Envelope;
        Assert.Equal((record.Site, record.Queue, 0, record.ContentType, Clock.GetUtcNow()), (envelope.Site, envelope.Queue, envelope.Attempts, envelope.ContentType, envelope.EnqueuedAt));
        Assert.Equal(record.Payload, Encoding.UTF8.GetString(envelope.Body.Span));
        Assert.Equal("t-1", envelope.Headers!["trace"]);
        Assert.NotEqual(record.MessageId, envelope.MessageId);
        var entry = await AskAsync<DeadLetterEntry>(store, new ShowDeadLetter(record.Id));
        Assert.Equal((Clock.GetUtcNow(), 1, envelope.MessageId), (entry.ReplayedAt, entry.ReplayCount, entry.ReplayMessageId));
    }

    [Fact]
    public async Task Replaying_all_skips_the_replayed_ones_and_can_keep_to_one_queue()
    {
        var store = await StartStoreAsync();
        var email1 = NewRecord(queue: "email");
        var email2 = NewRecord(queue: "email");
        var digest = NewRecord(queue: "digest");
        foreach (var record in new[] { email1, email2, digest })
        {
            await RecordAsync(store, record);
        }

        await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.One(email1.Id));

        Assert.Equal([email2.Id], (await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.All("email"))).Replayed);
        Assert.Equal([digest.Id], (await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.All())).Replayed);
        Assert.Empty((await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.All())).Replayed);
        Assert.Equal(1, (await Transport.GetStatusAsync(Topology.BrokerQueueFor("example.com", "digest"))).MessagesReady);
        Assert.Equal(2, (await Transport.GetStatusAsync(Topology.BrokerQueueFor("example.com", "email"))).MessagesReady);
    }

    [Fact]
    public async Task Replaying_an_unknown_id_is_not_found_and_a_failed_publish_leaves_the_entry_unmarked()
    {
        var store = await StartStoreAsync();
        var record = NewRecord();
        await RecordAsync(store, record);

        Assert.Equal(new DeadLetterNotFound("nope"), await AskAsync<DeadLetterNotFound>(store, ReplayDeadLetters.One("nope")));
        await Transport.DisposeAsync(); // every publish fails now
        var replayed = await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.All());

        Assert.Empty(replayed.Replayed);
        Assert.Equal(record.Id, Assert.Single(replayed.Failed).Id);
        Assert.Null((await AskAsync<DeadLetterEntry>(store, new ShowDeadLetter(record.Id))).ReplayedAt);
    }

    [Fact]
    public async Task Purging_older_than_a_duration_deletes_only_what_last_failed_before_it()
    {
        var store = await StartStoreAsync();
        var old = NewRecord();
        await RecordAsync(store, old);
        Clock.Advance(TimeSpan.FromHours(2));
        var recent = NewRecord();
        await RecordAsync(store, recent);
        Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(new DeadLettersPurged(1), await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters(TimeSpan.FromHours(1))));

        Assert.Equal([recent.Id], await EntryIdsAsync(store));
        Assert.Equal([recent.Id], FileIds());
        Assert.Equal(new DeadLettersPurged(1), await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters()));
        Assert.Empty(await EntryIdsAsync(store));
    }

    private async Task<DeliveryProbe> SubscribeAsync(string site, string queue)
    {
        var probe = new DeliveryProbe();
        await Transport.SubscribeAsync(Topology.SpecFor(site, queue), 10, probe.OnDeliveryAsync);
        return probe;
    }

    private static IReadOnlyList<string> Ids(DeadLetterList list) => [.. list.Entries.Select(e => e.Id)];
}
