using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;
using Xunit;
using static QueueActors.Tests.Persistence.CounterActor;

namespace QueueActors.Tests.Persistence;

/// <summary>A persistent actor: persist then apply, recovery from snapshot + later events, commands stashed meanwhile.</summary>
public abstract class PersistentActorBehaviour(IPersistenceTestBackend backend) : PersistenceTestBase(backend)
{
    [Fact]
    public async Task Started_again_it_recovers_its_state_from_the_persisted_events()
    {
        var stores = await OpenStoresAsync();
        var id = NewPersistenceId("counter");
        var first = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));
        await TestActor.ExpectMsgAsync<Recovered>(r => r.SequenceNr == 0);
        foreach (var amount in new[] { 1, 2, 3 })
        {
            TestActor.Send(first, new Add(amount));
            await TestActor.ExpectMsgAsync<CounterState>();
        }

        await StopAsync(first);
        var stores2 = await OpenStoresAsync(); // a new process would open the database afresh
        var second = Sys.ActorOf(CounterActor.Props(stores2, id, TestActor.Ref));

        var recovered = await TestActor.ExpectMsgAsync<Recovered>();
        Assert.Equal(new[] { 1, 2, 3 }, recovered.Replayed);
        Assert.Equal(6, recovered.Total);
        Assert.Equal(3, recovered.SequenceNr);
        TestActor.Send(second, new Add(4));
        Assert.Equal(new CounterState(10, 4), await TestActor.ExpectMsgAsync<CounterState>());
    }

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var stores = await OpenStoresAsync();
        var id = NewPersistenceId("snapshot");
        var first = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));
        await TestActor.ExpectMsgAsync<Recovered>();
        TestActor.Send(first, new Add(1));
        TestActor.Send(first, new Add(2));
        TestActor.Send(first, new Snap());
        TestActor.Send(first, new Add(5));
        await TestActor.ReceiveNAsync(4);

        await StopAsync(first);
        Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));

        var recovered = await TestActor.ExpectMsgAsync<Recovered>();
        Assert.Equal(2, recovered.SnapshotSequenceNr);
        Assert.Equal(new[] { 5 }, recovered.Replayed);
        Assert.Equal(8, recovered.Total);
        Assert.Equal(3, recovered.SequenceNr);
    }

    [Fact]
    public async Task With_its_events_deleted_behind_a_snapshot_it_recovers_from_the_snapshot_and_numbers_on()
    {
        var stores = await OpenStoresAsync();
        var id = NewPersistenceId("compact");
        var first = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));
        await TestActor.ExpectMsgAsync<Recovered>();
        TestActor.Send(first, new Add(1));
        TestActor.Send(first, new Add(2));
        TestActor.Send(first, new Compact());
        await TestActor.ReceiveNAsync(3);
        Assert.Empty(await stores.Journal.ReadAsync(id, 1, 100));

        await StopAsync(first);
        var second = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));

        var recovered = await TestActor.ExpectMsgAsync<Recovered>();
        Assert.Equal((3, 2L, 2L), (recovered.Total, recovered.SnapshotSequenceNr, recovered.SequenceNr));
        Assert.Empty(recovered.Replayed);
        TestActor.Send(second, new Add(4));
        Assert.Equal(new CounterState(7, 3), await TestActor.ExpectMsgAsync<CounterState>());
    }

    [Fact]
    public async Task Commands_sent_during_recovery_wait_for_it_and_keep_their_order()
    {
        var stores = await OpenStoresAsync(replayBatchSize: 5); // 60 events: 13 pages, 13 turns of recovery
        var id = NewPersistenceId("stash");
        var serializer = stores.Serializer;
        var events = Enumerable.Range(1, 60).Select(i =>
        {
            var (manifest, payload) = serializer.Serialize(new Added(1));
            return new JournalEntry(id, i, manifest, payload, DateTimeOffset.UtcNow);
        }).ToList();
        await stores.Journal.AppendAsync(events);
        var observer = CreateProbe();

        var counter = Sys.ActorOf(CounterActor.Props(stores, id, observer.Ref));
        TestActor.Send(counter, new Get());
        TestActor.Send(counter, new Add(100));
        TestActor.Send(counter, new Get());

        Assert.Equal(new CounterState(60, 60), await TestActor.ExpectMsgAsync<CounterState>());
        Assert.Equal(new CounterState(160, 61), await TestActor.ExpectMsgAsync<CounterState>());
        Assert.Equal(new CounterState(160, 61), await TestActor.ExpectMsgAsync<CounterState>());
        Assert.Equal(60, (await observer.ExpectMsgAsync<Recovered>()).Replayed.Count);
    }

    [Fact]
    public async Task A_second_writer_of_the_same_id_fails_its_persist_and_recovers_the_first_writers_event()
    {
        var stores = await OpenStoresAsync();
        var id = NewPersistenceId("twice");
        var a = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref), "a");
        var bObserver = CreateProbe();
        var b = Sys.ActorOf(CounterActor.Props(stores, id, bObserver.Ref), "b");
        await TestActor.ExpectMsgAsync<Recovered>();
        await bObserver.ExpectMsgAsync<Recovered>(r => r.SequenceNr == 0);

        TestActor.Send(a, new Add(1));
        Assert.Equal(new CounterState(1, 1), await TestActor.ExpectMsgAsync<CounterState>());
        TestActor.Send(b, new Add(10)); // b still believes it is at 0: it writes number 1 too

        var restarted = await bObserver.ExpectMsgAsync<Recovered>();
        Assert.Equal(new[] { 1 }, restarted.Replayed);
        var failure = Assert.Single(Logs.Entries, e => e.Exception is JournalConcurrencyException && e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains(id));
        Assert.Contains("/user/b", failure.ActorPath);
        TestActor.Send(b, new Get());
        Assert.Equal(new CounterState(1, 1), await TestActor.ExpectMsgAsync<CounterState>());
    }

    [Fact]
    public async Task An_event_whose_write_fails_is_not_applied_and_the_restarted_actor_goes_on_from_the_journal()
    {
        var real = await OpenStoresAsync();
        var journal = new FailingJournal(real.Journal);
        var stores = new PersistenceStores(journal, real.Snapshots, real.Settings, real.Serializer);
        var observer = CreateProbe();
        var counter = Sys.ActorOf(CounterActor.Props(stores, NewPersistenceId("failing"), observer.Ref));
        await observer.ExpectMsgAsync<Recovered>();
        TestActor.Send(counter, new Add(1));
        Assert.Equal(new CounterState(1, 1), await TestActor.ExpectMsgAsync<CounterState>());

        journal.FailNextAppend();
        TestActor.Send(counter, new Add(5));

        Assert.Equal(1, (await observer.ExpectMsgAsync<Recovered>()).Total); // restarted and recovered without the 5
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        TestActor.Send(counter, new Add(2));
        Assert.Equal(new CounterState(3, 2), await TestActor.ExpectMsgAsync<CounterState>());
    }

    [Fact]
    public async Task An_actor_whose_PreStart_forgets_the_base_call_still_recovers_before_its_first_command()
    {
        var stores = await OpenStoresAsync();
        var id = NewPersistenceId("forgetful");
        var first = Sys.ActorOf(CounterActor.Props(stores, id, TestActor.Ref));
        await TestActor.ExpectMsgAsync<Recovered>();
        TestActor.Send(first, new Add(7));
        await TestActor.ExpectMsgAsync<CounterState>();
        await StopAsync(first);

        var forgetful = Sys.ActorOf(Actors.Runtime.Props.Create(() => new ForgetfulCounter(stores, id)));
        TestActor.Send(forgetful, new Get());

        Assert.Equal(7L, await TestActor.ExpectMsgAsync<long>());
    }

    private async Task StopAsync(IActorRef actor)
    {
        var watcher = CreateProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
    }

    /// <summary>Overrides PreStart without calling the base: recovery must start on the first message.</summary>
    private sealed class ForgetfulCounter(PersistenceStores stores, string persistenceId) : PersistentActor(stores)
    {
        private long _total;

        public override string PersistenceId => persistenceId;

        protected override void PreStart()
        {
        }

        protected override void ReceiveRecover(object message)
        {
            if (message is Added added)
            {
                _total += added.Amount;
            }
        }

        protected override ValueTask ReceiveCommandAsync(object message)
        {
            Reply(_total);
            return ValueTask.CompletedTask;
        }
    }
}
