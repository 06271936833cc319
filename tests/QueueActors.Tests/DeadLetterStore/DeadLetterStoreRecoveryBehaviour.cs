using QueueActors.Actors.Processing.DeadLetters.Store;
using Akka.Actor;
using QueueActors.Tests.Persistence;
using Xunit;
using StoreActor = QueueActors.Actors.Processing.DeadLetters.Store.DeadLetterStore;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>The dead-letter store after a restart of the actor or of the whole system, and its snapshots.</summary>
public abstract class DeadLetterStoreRecoveryBehaviour(IPersistenceTestBackend backend) : DeadLetterStoreTestBase(backend)
{
    [Fact]
    public async Task Started_again_it_recovers_its_entries_their_replay_marks_and_its_purges()
    {
        var store = await StartStoreAsync();
        var (kept, replayed, purged) = (NewRecord(), NewRecord(), NewRecord());
        foreach (var record in new[] { kept, replayed, purged })
        {
            await RecordAsync(store, record);
        }

        await Transport.DeclareAsync(Topology.SpecFor(replayed.Site, replayed.Queue));
        await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.One(replayed.Id));
        Clock.Advance(TimeSpan.FromHours(1));
        await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters()); // all three…
        await StopAsync(store);

        var again = await StartStoreAsync();
        Assert.Empty(await EntryIdsAsync(again));
        await StopAsync(again);
        var third = await StartStoreAsync();
        await RecordAsync(third, kept); // …a purged id stays purged (a late redelivery of its queue record)
        Assert.Empty(await EntryIdsAsync(third));
    }

    [Fact]
    public async Task After_the_whole_system_restarts_a_new_store_has_every_entry_and_replay_mark()
    {
        var node = ActorSystem.Create("node-before-restart", Sys.Settings.Config);
        var records = new[] { NewRecord(), NewRecord(queue: "digest") };
        await Transport.DeclareAsync(Topology.SpecFor("example.com", "digest"));
        try
        {
            var store = await StartStoreAsync(system: node);
            var client = new DeadLetterStoreClient(store);
            foreach (var record in records)
            {
                await client.RecordAsync(record);
            }

            Assert.Equal([records[1].Id], (await client.ReplayAllAsync("digest")).Replayed);
        }
        finally
        {
            await node.Terminate();
        }

        var restarted = new DeadLetterStoreClient(await StartStoreAsync());

        var list = await restarted.ListAsync();
        Assert.Equal(records.Select(r => r.Id), list.Entries.Select(e => e.Id));
        Assert.Equal([null, Clock.GetUtcNow()], list.Entries.Select(e => e.ReplayedAt));
        Assert.Null(await restarted.ShowAsync("unknown"));
        Assert.Equal("unknown", Assert.Single((await restarted.ReplayAsync("unknown")).Failed).Id);
    }

    [Fact]
    public async Task Every_interval_it_saves_a_snapshot_and_deletes_the_events_behind_it_and_recovers_from_it()
    {
        var store = await StartStoreAsync(snapshotInterval: 3);
        var records = Enumerable.Range(0, 5).Select(_ => NewRecord()).ToList();
        foreach (var record in records)
        {
            await RecordAsync(store, record);
        }

        // The snapshot and the deletion of the events behind it follow the replies.
        await AwaitAssertAsync(async () => Assert.Equal(3, await LatestSnapshotAtAsync(StoreActor.Id)));
        await AwaitAssertAsync(async () => Assert.Equal([4L, 5L], await JournalSequenceNrsAsync(StoreActor.Id)));
        await StopAsync(store);

        var again = await StartStoreAsync(snapshotInterval: 3);
        Assert.Equal(records.Select(r => r.Id), await EntryIdsAsync(again));
        await Logs.ExpectAsync(e => e.Message.Contains("recovered to sequence number 5 (snapshot at 3)", StringComparison.Ordinal));
    }
}
