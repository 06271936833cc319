using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Persistence;

/// <summary>
/// An actor whose state is the sum of its persisted events (the role of Akka.Persistence's
/// <c>PersistentActor</c>), on our kernel:
/// <list type="number">
/// <item>On start (and after every restart, with fresh state) it recovers: the latest snapshot is offered to
/// <see cref="ReceiveRecover"/>, then every later event in order, a page
/// (<see cref="PersistenceSettings.ReplayBatchSize"/>) per turn, then <see cref="RecoveryCompleted"/>.</item>
/// <item>Commands that arrive meanwhile are stashed and handled, in arrival order, once recovery completed;
/// no command ever sees half-recovered state.</item>
/// <item>A command handler calls <see cref="PersistAsync{TEvent}(TEvent, Action{TEvent})"/>: the event is
/// written to the journal (the actor's turn waits), then applied. If the write fails nothing is applied and
/// the exception fails the actor: its supervisor restarts it and recovery brings back the truth (also when
/// another writer took the sequence number: <see cref="JournalConcurrencyException"/>).</item>
/// <item><see cref="SaveSnapshotAsync"/> stores the state so that recovery skips the events before it.</item>
/// </list>
/// A subclass overriding <see cref="PreStart"/> calls <c>base.PreStart()</c>.
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private readonly object _incarnation = new();
    private bool _replayRequested;

    /// <summary>Creates the actor over <paramref name="stores"/>.</summary>
    protected PersistentActor(PersistenceStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Stores = stores;
    }

    /// <summary>The journal's key for this actor's events: stable across restarts, processes and nodes.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event persisted or replayed (0: none).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number of the last snapshot saved or recovered from (0: none).</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> was handled.</summary>
    public bool IsRecovering { get; private set; } = true;

    protected PersistenceStores Stores { get; }

    /// <summary>Applies what recovery replays: a <see cref="SnapshotOffer"/>, events, then <see cref="RecoveryCompleted"/>.</summary>
    protected abstract void ReceiveRecover(object message);

    /// <summary>Handles a command once recovered; persists events with <see cref="PersistAsync{TEvent}(TEvent, Action{TEvent})"/>.</summary>
    protected abstract ValueTask ReceiveCommandAsync(object message);

    /// <summary>Starts recovery; an override calls it first (if it does not, the first message starts recovery instead).</summary>
    protected override void PreStart() => RequestReplay();

    /// <inheritdoc />
    protected sealed override ValueTask ReceiveAsync(object message)
    {
        if (!IsRecovering)
        {
            return ReceiveCommandAsync(message);
        }

        if (message is ReplayNext next)
        {
            return ReferenceEquals(next.Incarnation, _incarnation) ? ReplayPageAsync() : ValueTask.CompletedTask;
        }

        Context.Stash.Stash();
        RequestReplay();
        return ValueTask.CompletedTask;
    }

    private void RequestReplay()
    {
        if (!_replayRequested)
        {
            _replayRequested = true;
            Self.Tell(new ReplayNext(_incarnation), Self);
        }
    }

    /// <summary>Writes the event to the journal, then applies it with <paramref name="handler"/>.</summary>
    protected ValueTask PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => PersistAllAsync([@event], handler);

    /// <summary>Writes the events atomically (all or none), then applies each with <paramref name="handler"/>, in order.</summary>
    protected async ValueTask PersistAllAsync<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (IsRecovering)
        {
            throw new InvalidOperationException($"Persistence id {PersistenceId}: cannot persist while recovering.");
        }

        if (events.Count == 0)
        {
            return;
        }

        var now = Context.System.TimeProvider.GetUtcNow();
        var entries = new JournalEntry[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (manifest, payload) = Stores.Serializer.Serialize(events[i]);
            entries[i] = new JournalEntry(PersistenceId, LastSequenceNr + 1 + i, manifest, payload, now);
        }

        try
        {
            await Stores.Journal.AppendAsync(entries, Context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PersistenceLog.PersistFailed(Context.Log, ex, PersistenceId, entries[0].SequenceNr);
            throw;
        }

        foreach (var @event in events)
        {
            LastSequenceNr++;
            handler(@event);
        }
    }

    /// <summary>
    /// Deletes this actor's events up to <paramref name="toSequenceNr"/> (at most <see cref="SnapshotSequenceNr"/>,
    /// so that recovery never misses state): after a snapshot, to keep the journal short.
    /// </summary>
    protected async ValueTask DeleteMessagesAsync(long toSequenceNr)
    {
        if (toSequenceNr > SnapshotSequenceNr)
        {
            throw new InvalidOperationException($"Persistence id {PersistenceId}: events up to {toSequenceNr} cannot be deleted, the latest snapshot covers only {SnapshotSequenceNr}.");
        }

        await Stores.Journal.DeleteToAsync(PersistenceId, toSequenceNr, Context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves <paramref name="snapshot"/> as the state at <see cref="LastSequenceNr"/>.</summary>
    protected async ValueTask SaveSnapshotAsync(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, payload) = Stores.Serializer.Serialize(snapshot);
        var sequenceNr = LastSequenceNr;
        await Stores.Snapshots.SaveAsync(new SnapshotEntry(PersistenceId, sequenceNr, manifest, payload, Context.System.TimeProvider.GetUtcNow()), Context.CancellationToken).ConfigureAwait(false);
        SnapshotSequenceNr = sequenceNr;
    }
}
