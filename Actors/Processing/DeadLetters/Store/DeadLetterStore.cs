using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Every dead letter of the cluster, persisted (persistence id <c>dead-letters</c>), with the node's
/// dead-letter folder kept in agreement:
/// <list type="number">
/// <item><see cref="RecordDeadLetter"/> persists the record (idempotent by id, and one per event: a record
/// of a message id already held is folded into that entry and its file removed), writes its file if it is
/// missing, then replies <see cref="DeadLetterRecorded"/>. Records are written in batches (see
/// <c>DeadLetterStore.Records</c>): a flood of poison events costs one journal write per batch, not per record.</item>
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
public sealed partial class DeadLetterStore : ReceivePersistentActor
{
    /// <summary>The journal key of the store.</summary>
    public const string Id = "dead-letters";

    /// <summary>
    /// Events between two snapshots unless the constructor is given another interval. A snapshot holds every entry:
    /// taken every 200 events it cost a flood of dead letters 40 % of its rate; 5,000 events replay in well under a second.
    /// </summary>
    public const int DefaultSnapshotInterval = 5_000;

    private readonly SortedDictionary<string, DeadLetterEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _purged = new(StringComparer.Ordinal);

    /// <summary>The entry held for each event: one letter per message id.</summary>
    private readonly Dictionary<string, string> _byMessageId = new(StringComparer.Ordinal);
    private readonly DeadLetterFiles _files;
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly int _snapshotInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Cancels file and broker work when the store stops (Akka has no per-actor token).</summary>
    private readonly CancellationTokenSource _stopping = new();
    private int _eventsSinceSnapshot;
    private long _recoveredSnapshotAt;

    /// <summary>Creates the store, keeping <paramref name="files"/> in agreement; replays publish on <paramref name="transport"/>.</summary>
    public DeadLetterStore(DeadLetterFiles files, ITransport transport, QueueTopology topology, int snapshotInterval = DefaultSnapshotInterval, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotInterval, 1);
        _files = files;
        _transport = transport;
        _topology = topology;
        _snapshotInterval = snapshotInterval;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;

        Recover<SnapshotOffer>(offer => Restore(offer.Metadata.SequenceNr, (DeadLetterStoreSnapshot)offer.Snapshot));
        Recover<DeadLetterStored>(Apply);
        Recover<DeadLetterReplayMarked>(Apply);
        Recover<DeadLettersDeleted>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            DeadLetterStoreLog.Recovered(_logger, Id, LastSequenceNr, _recoveredSnapshotAt);
            Self.Tell(ReconcileFiles.Instance, Self);
        });
        Reconciling();
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    /// <summary>The props of a store (see the constructor).</summary>
    public static Props Props(DeadLetterFiles files, ITransport transport, QueueTopology topology, int snapshotInterval = DefaultSnapshotInterval, TimeProvider? time = null, ILogger? logger = null) =>
        Akka.Actor.Props.Create(() => new DeadLetterStore(files, transport, topology, snapshotInterval, time, logger));

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        base.PostStop();
    }

    /// <summary>Until the folder and the entries agree: no command sees them disagree.</summary>
    private void Reconciling()
    {
        CommandAsync<ReconcileFiles>(_ => ReconcileAsync());
        SnapshotHousekeeping();
        CommandAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Command<RecordDeadLetter>(record => Record(record.Record));
        CommandAsync<RecordsPersisted>(RecordsPersistedAsync);
        Command<ListDeadLetters>(ReplyList);
        Command<ShowDeadLetter>(show => Sender.Tell(show.Id is not null && _entries.TryGetValue(show.Id, out var entry) ? entry : new DeadLetterNotFound(show.Id ?? "")));
        CommandAsync<ReplayDeadLetters>(ReplayAsync);
        Command<PurgeDeadLetters>(Purge);
        Command<ReconcileFiles>(_ => { });
        SnapshotHousekeeping();
    }

    private void SnapshotHousekeeping()
    {
        Command<SaveSnapshotSuccess>(saved =>
        {
            // The snapshot holds everything up to it: the events and older snapshots behind it can go.
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => DeadLetterStoreLog.SnapshotFailed(_logger, failed.Metadata.SequenceNr, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { }); // kept events cost only recovery time; the next snapshot deletes them
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    private void ReplyList(ListDeadLetters list)
    {
        if (list.Limit < 1)
        {
            Sender.Tell(new Status.Failure(new ArgumentOutOfRangeException(nameof(list), list.Limit, "The list limit must be at least 1.")));
            return;
        }

        var matching = _entries.Values
            .Where(e => (list.Site is null || e.Record.Site == list.Site) && (list.Queue is null || e.Record.Queue == list.Queue))
            .ToList();
        Sender.Tell(new DeadLetterList([.. matching.Take(list.Limit)], matching.Count));
    }

    private void Purge(PurgeDeadLetters purge)
    {
        if (purge.OlderThan is { } age && age < TimeSpan.Zero)
        {
            Sender.Tell(new Status.Failure(new ArgumentOutOfRangeException(nameof(purge), age, "The age of dead letters to purge must not be negative.")));
            return;
        }

        var cutoff = purge.OlderThan is { } olderThan ? Now() - olderThan : DateTimeOffset.MaxValue;
        var ids = _entries.Values.Where(e => e.Record.LastFailureAt < cutoff).Select(e => e.Id).ToList();
        var olderThanText = purge.OlderThan is { } t ? $" whose last failure is older than {t}" : "";
        if (ids.Count == 0)
        {
            DeadLetterStoreLog.Purged(_logger, 0, olderThanText);
            Sender.Tell(new DeadLettersPurged(0));
            return;
        }

        // Persisted first: a crash before the files are gone leaves purged ids, whose files the next recovery deletes.
        Persist(new DeadLettersDeleted(ids), deleted =>
        {
            Apply(deleted);
            foreach (var id in ids)
            {
                TryDeleteFile(id);
            }

            DeadLetterStoreLog.Purged(_logger, ids.Count, olderThanText);
            Sender.Tell(new DeadLettersPurged(ids.Count));
            SnapshotIfDue();
        });
    }

    private void Restore(long sequenceNr, DeadLetterStoreSnapshot snapshot)
    {
        _recoveredSnapshotAt = sequenceNr;
        _entries.Clear();
        _purged.Clear();
        _byMessageId.Clear();
        foreach (var entry in snapshot.Entries)
        {
            _entries[entry.Id] = entry;
            _byMessageId.TryAdd(entry.Record.MessageId, entry.Id);
        }

        _purged.UnionWith(snapshot.Purged);
    }

    private void Apply(DeadLetterStored stored)
    {
        _entries[stored.Record.Id] = new DeadLetterEntry(stored.Record, stored.RecordedAt);
        _byMessageId.TryAdd(stored.Record.MessageId, stored.Record.Id);
        _eventsSinceSnapshot++;
    }

    private void Apply(DeadLetterReplayMarked replayed)
    {
        if (_entries.TryGetValue(replayed.Id, out var entry))
        {
            _entries[replayed.Id] = entry with { ReplayedAt = replayed.ReplayedAt, ReplayCount = entry.ReplayCount + 1, ReplayMessageId = replayed.MessageId };
        }

        _eventsSinceSnapshot++;
    }

    private void Apply(DeadLettersDeleted deleted)
    {
        foreach (var id in deleted.Ids)
        {
            if (_entries.Remove(id, out var gone) && _byMessageId.GetValueOrDefault(gone.Record.MessageId) == id)
            {
                _byMessageId.Remove(gone.Record.MessageId);
            }

            _purged.Add(id);
        }

        _eventsSinceSnapshot++;
    }

    /// <summary>
    /// Saves a snapshot when due. Only while no batch of records is in flight: Akka numbers events when they are
    /// handed to the journal, so a snapshot taken then would claim events the state does not hold yet.
    /// </summary>
    private void SnapshotIfDue()
    {
        if (_eventsSinceSnapshot < _snapshotInterval || _writing)
        {
            return;
        }

        SaveSnapshot(new DeadLetterStoreSnapshot([.. _entries.Values], [.. _purged]));
        _eventsSinceSnapshot = 0;
    }

    /// <summary>The id of the entry that holds <paramref name="record"/>'s event under another id (or will, once its batch is written); null if none.</summary>
    private string? HeldOtherwise(DeadLetterRecord record) =>
        (_byMessageId.TryGetValue(record.MessageId, out var held) || _pendingByMessageId.TryGetValue(record.MessageId, out held)) && held != record.Id ? held : null;

    private DateTimeOffset Now() => _time.GetUtcNow();
}
