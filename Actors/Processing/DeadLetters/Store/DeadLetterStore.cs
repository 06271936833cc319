using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Every dead letter of the cluster, persisted (persistence id <c>dead-letters</c>), with the node's
/// dead-letter folder kept in agreement:
/// <list type="number">
/// <item><see cref="RecordDeadLetter"/> persists the record (idempotent by id, and one per event: a record
/// of a message id already held is folded into that entry and its file removed), writes its file if it is
/// missing, then replies <see cref="DeadLetterRecorded"/>.</item>
/// <item><see cref="ListDeadLetters"/>, <see cref="ShowDeadLetter"/> read the state.</item>
/// <item><see cref="ReplayDeadLetters"/> publishes the original payload again to its site and queue as a fresh
/// event, then persists when (see <c>DeadLetterStore.Replay</c>).</item>
/// <item><see cref="PurgeDeadLetters"/> persists the removal, then deletes the files.</item>
/// <item>After recovery, before any command, the folder and the entries are reconciled both ways: a file with
/// no entry is recorded, an entry with no file has its file written again, a file of a purged id is deleted
/// (see <c>DeadLetterStore.Files</c>).</item>
/// <item>A snapshot every <c>snapshotInterval</c> events (older events deleted) keeps recovery short.</item>
/// </list>
/// Run one per cluster (the seed node); commands come from <see cref="DeadLetterStoreClient"/> and records from
/// <see cref="DeadLetterQueueConsumer"/>.
/// </summary>
public sealed partial class DeadLetterStore : PersistentActor
{
    /// <summary>The journal key of the store.</summary>
    public const string Id = "dead-letters";

    /// <summary>Events between two snapshots unless the constructor is given another interval.</summary>
    public const int DefaultSnapshotInterval = 200;

    private readonly SortedDictionary<string, DeadLetterEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _purged = new(StringComparer.Ordinal);

    /// <summary>The entry held for each event: one letter per message id.</summary>
    private readonly Dictionary<string, string> _byMessageId = new(StringComparer.Ordinal);
    private readonly DeadLetterFiles _files;
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly int _snapshotInterval;
    private int _eventsSinceSnapshot;
    private bool _reconciled;

    /// <summary>Creates the store over <paramref name="stores"/>, keeping <paramref name="files"/> in agreement; replays publish on <paramref name="transport"/>.</summary>
    public DeadLetterStore(PersistenceStores stores, DeadLetterFiles files, ITransport transport, QueueTopology topology, int snapshotInterval = DefaultSnapshotInterval)
        : base(stores)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotInterval, 1);
        _files = files;
        _transport = transport;
        _topology = topology;
        _snapshotInterval = snapshotInterval;
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    /// <summary>The props of a store (see the constructor).</summary>
    public static Props Props(PersistenceStores stores, DeadLetterFiles files, ITransport transport, QueueTopology topology, int snapshotInterval = DefaultSnapshotInterval) =>
        Runtime.Props.Create(() => new DeadLetterStore(stores, files, transport, topology, snapshotInterval));

    /// <inheritdoc />
    protected override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: DeadLetterStoreSnapshot snapshot }:
                _entries.Clear();
                _purged.Clear();
                _byMessageId.Clear();
                foreach (var entry in snapshot.Entries)
                {
                    _entries[entry.Id] = entry;
                    _byMessageId.TryAdd(entry.Record.MessageId, entry.Id);
                }

                _purged.UnionWith(snapshot.Purged);
                break;
            case RecoveryCompleted:
                Self.Tell(ReconcileFiles.Instance, Self);
                break;
            default:
                Apply(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override ValueTask ReceiveCommandAsync(object message)
    {
        if (!_reconciled)
        {
            if (message is ReconcileFiles)
            {
                return ReconcileAsync();
            }

            Context.Stash.Stash(); // no command sees the folder and the entries disagree
            return ValueTask.CompletedTask;
        }

        switch (message)
        {
            case RecordDeadLetter record:
                return RecordAsync(record.Record);
            case ListDeadLetters list:
                ReplyList(list);
                return ValueTask.CompletedTask;
            case ShowDeadLetter show:
                Reply(show.Id is not null && _entries.TryGetValue(show.Id, out var entry) ? entry : new DeadLetterNotFound(show.Id ?? ""));
                return ValueTask.CompletedTask;
            case ReplayDeadLetters replay:
                return ReplayAsync(replay);
            case PurgeDeadLetters purge:
                return PurgeAsync(purge);
            case ReconcileFiles:
                return ValueTask.CompletedTask;
            default:
                return Unhandled(message);
        }
    }

    private async ValueTask RecordAsync(DeadLetterRecord? record)
    {
        if (record is null || string.IsNullOrEmpty(record.Id))
        {
            Reply(new Status.Failure(new ArgumentException("A dead-letter record with an id is required.", nameof(record))));
            return;
        }

        if (_purged.Contains(record.Id))
        {
            TryDeleteFile(record.Id); // recorded again after a purge (a late redelivery): it stays purged
            Reply(new DeadLetterRecorded(record.Id, AlreadyKnown: true));
            return;
        }

        if (HeldOtherwise(record) is { } held)
        {
            // Another letter of this event (a copy that outlived a worker's death): the first one stays.
            TryDeleteFile(record.Id);
            DeadLetterStoreLog.Folded(Context.Log, record.Id, record.MessageId, held);
            Reply(new DeadLetterRecorded(held, AlreadyKnown: true));
            return;
        }

        var known = _entries.ContainsKey(record.Id);
        if (!known)
        {
            await PersistAsync(new DeadLetterStored(record, Now()), Apply).ConfigureAwait(false);
        }

        await TryWriteFileAsync(record).ConfigureAwait(false);
        Reply(new DeadLetterRecorded(record.Id, known));
        await SnapshotIfDueAsync().ConfigureAwait(false);
    }

    private void ReplyList(ListDeadLetters list)
    {
        if (list.Limit < 1)
        {
            Reply(new Status.Failure(new ArgumentOutOfRangeException(nameof(list), list.Limit, "The list limit must be at least 1.")));
            return;
        }

        var matching = _entries.Values
            .Where(e => (list.Site is null || e.Record.Site == list.Site) && (list.Queue is null || e.Record.Queue == list.Queue))
            .ToList();
        Reply(new DeadLetterList([.. matching.Take(list.Limit)], matching.Count));
    }

    private async ValueTask PurgeAsync(PurgeDeadLetters purge)
    {
        if (purge.OlderThan is { } age && age < TimeSpan.Zero)
        {
            Reply(new Status.Failure(new ArgumentOutOfRangeException(nameof(purge), age, "The age of dead letters to purge must not be negative.")));
            return;
        }

        var cutoff = purge.OlderThan is { } olderThan ? Now() - olderThan : DateTimeOffset.MaxValue;
        var ids = _entries.Values.Where(e => e.Record.LastFailureAt < cutoff).Select(e => e.Id).ToList();
        if (ids.Count > 0)
        {
            // Persisted first: a crash before the files are gone leaves purged ids, whose files the next recovery deletes.
            await PersistAsync(new DeadLettersDeleted(ids), Apply).ConfigureAwait(false);
            foreach (var id in ids)
            {
                TryDeleteFile(id);
            }
        }

        DeadLetterStoreLog.Purged(Context.Log, ids.Count, purge.OlderThan is { } t ? $" whose last failure is older than {t}" : "");
        Reply(new DeadLettersPurged(ids.Count));
        await SnapshotIfDueAsync().ConfigureAwait(false);
    }

    private void Apply(object @event)
    {
        switch (@event)
        {
            case DeadLetterStored stored:
                _entries[stored.Record.Id] = new DeadLetterEntry(stored.Record, stored.RecordedAt);
                _byMessageId.TryAdd(stored.Record.MessageId, stored.Record.Id);
                break;
            case DeadLetterReplayMarked replayed when _entries.TryGetValue(replayed.Id, out var entry):
                _entries[replayed.Id] = entry with { ReplayedAt = replayed.ReplayedAt, ReplayCount = entry.ReplayCount + 1, ReplayMessageId = replayed.MessageId };
                break;
            case DeadLettersDeleted deleted:
                foreach (var id in deleted.Ids)
                {
                    if (_entries.Remove(id, out var gone) && _byMessageId.GetValueOrDefault(gone.Record.MessageId) == id)
                    {
                        _byMessageId.Remove(gone.Record.MessageId);
                    }

                    _purged.Add(id);
                }

                break;
        }

        _eventsSinceSnapshot++;
    }

    private async ValueTask SnapshotIfDueAsync()
    {
        if (_eventsSinceSnapshot < _snapshotInterval)
        {
            return;
        }

        await SaveSnapshotAsync(new DeadLetterStoreSnapshot([.. _entries.Values], [.. _purged])).ConfigureAwait(false);
        await DeleteMessagesAsync(SnapshotSequenceNr).ConfigureAwait(false);
        _eventsSinceSnapshot = 0;
    }

    /// <summary>The id of the entry that holds <paramref name="record"/>'s event under another id; null if none.</summary>
    private string? HeldOtherwise(DeadLetterRecord record) =>
        _byMessageId.TryGetValue(record.MessageId, out var held) && held != record.Id ? held : null;

    private DateTimeOffset Now() => Context.System.TimeProvider.GetUtcNow();
}
