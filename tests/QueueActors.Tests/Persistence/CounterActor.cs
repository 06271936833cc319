using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;

namespace QueueActors.Tests.Persistence;

/// <summary>
/// A persistent counter for the tests: <see cref="Add"/> persists <see cref="Added"/> and replies with the
/// total; <see cref="Get"/> replies with <see cref="CounterState"/>; <see cref="Snap"/> saves a snapshot;
/// <see cref="Compact"/> also deletes the events it covers.
/// Recovery reports to <c>observer</c> what it replayed (<see cref="Recovered"/>).
/// </summary>
public sealed class CounterActor(PersistenceStores stores, string persistenceId, IActorRef observer) : PersistentActor(stores)
{
    private readonly List<int> _replayed = [];
    private long _offeredSnapshot;
    private int _total;

    public override string PersistenceId => persistenceId;

    public static Props Props(PersistenceStores stores, string persistenceId, IActorRef observer) =>
        Actors.Runtime.Props.Create(() => new CounterActor(stores, persistenceId, observer));

    protected override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CounterSnapshot snapshot } offer:
                _total = snapshot.Total;
                _offeredSnapshot = offer.SequenceNr;
                break;
            case Added added:
                _total += added.Amount;
                _replayed.Add(added.Amount);
                break;
            case RecoveryCompleted:
                observer.Tell(new Recovered(_total, LastSequenceNr, _offeredSnapshot, [.. _replayed]));
                break;
        }
    }

    protected override ValueTask ReceiveCommandAsync(object message) => message switch
    {
        Add add => PersistAsync(new Added(add.Amount), added =>
        {
            _total += added.Amount;
            Reply(new CounterState(_total, LastSequenceNr));
        }),
        Get => ReplyState(),
        Snap => SnapAsync(),
        Compact => CompactAsync(),
        _ => Unhandled(message),
    };

    private ValueTask ReplyState()
    {
        Reply(new CounterState(_total, LastSequenceNr));
        return ValueTask.CompletedTask;
    }

    private async ValueTask SnapAsync()
    {
        await SaveSnapshotAsync(new CounterSnapshot(_total));
        Reply(new CounterState(_total, SnapshotSequenceNr));
    }

    private async ValueTask CompactAsync()
    {
        await SaveSnapshotAsync(new CounterSnapshot(_total));
        await DeleteMessagesAsync(SnapshotSequenceNr);
        Reply(new CounterState(_total, SnapshotSequenceNr));
    }

    public sealed record Add(int Amount);

    /// <summary>Snapshot, then delete the events the snapshot covers.</summary>
    public sealed record Compact;

    public sealed record Get;

    public sealed record Snap;

    public sealed record Added(int Amount);

    public sealed record CounterSnapshot(int Total);

    public sealed record CounterState(int Total, long SequenceNr);

    public sealed record Recovered(int Total, long SequenceNr, long SnapshotSequenceNr, IReadOnlyList<int> Replayed);
}
