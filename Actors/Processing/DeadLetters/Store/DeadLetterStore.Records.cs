using Akka.Actor;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Recording, in batches: records that arrive while a batch is written wait in the next batch, which is written
/// (<c>PersistAllAsync</c>: one journal write, commands keep arriving meanwhile) as soon as the previous one is
/// done. Each record is answered only once its event is persisted and its file written.
/// (No <c>ConfigureAwait(false)</c> in the store's async handlers: their continuations must run on the actor.)
/// </summary>
public sealed partial class DeadLetterStore
{
    /// <summary>Records waiting for the next write.</summary>
    private List<PendingRecord> _batch = [];

    /// <summary>Ids and message ids of the records waiting or being written (for idempotence and folding before they are applied).</summary>
    private readonly HashSet<string> _pendingIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pendingByMessageId = new(StringComparer.Ordinal);

    /// <summary>Records written to the journal at most in one batch (one transaction), so files and replies follow in steps.</summary>
    private const int MaxBatch = 10_000;

    /// <summary>Files written at once after a batch (on the thread pool).</summary>
    private const int FileWriters = 2;

    /// <summary>True from a batch's hand-over to the journal until it is persisted (one batch in the journal at a time).</summary>
    private bool _writing;

    private void Record(DeadLetterRecord? record)
    {
        if (record is null || string.IsNullOrEmpty(record.Id))
        {
            Sender.Tell(new Status.Failure(new ArgumentException("A dead-letter record with an id is required.", nameof(record))));
            return;
        }

        if (_purged.Contains(record.Id))
        {
            TryDeleteFile(record.Id); // recorded again after a purge (a late redelivery): it stays purged
            Sender.Tell(new DeadLetterRecorded(record.Id, AlreadyKnown: true));
            return;
        }

        if (HeldOtherwise(record) is { } held)
        {
            // Another letter of this event (a copy that outlived a worker's death): the first one stays.
            TryDeleteFile(record.Id);
            DeadLetterStoreLog.Folded(_logger, record.Id, record.MessageId, held);
            Sender.Tell(new DeadLetterRecorded(held, AlreadyKnown: true));
            return;
        }

        // Known (or on its way): no event, but its file is checked and the answer waits for the write in flight.
        var known = _entries.ContainsKey(record.Id) || !_pendingIds.Add(record.Id);
        if (!known)
        {
            _pendingByMessageId.TryAdd(record.MessageId, record.Id);
        }

        _batch.Add(new PendingRecord(record, Sender, known));
        Flush();
    }

    /// <summary>Hands the waiting records to the journal, unless a batch is being written (then they go next).</summary>
    private void Flush()
    {
        if (_writing || _batch.Count == 0)
        {
            return;
        }

        _writing = true;
        List<PendingRecord> batch;
        if (_batch.Count <= MaxBatch)
        {
            batch = _batch;
            _batch = [];
        }
        else
        {
            batch = _batch.GetRange(0, MaxBatch);
            _batch.RemoveRange(0, MaxBatch);
        }

        var events = batch.Where(p => !p.Known).Select(p => new DeadLetterStored(p.Record, Now())).ToList();
        if (events.Count == 0)
        {
            Self.Tell(new RecordsPersisted(batch));
            return;
        }

        PersistAllAsync(events, Apply);
        DeferAsync(new RecordsPersisted(batch), persisted => Self.Tell(persisted)); // runs after the events' handlers
    }

    /// <summary>
    /// A batch is persisted: the next one is handed to the journal, then this one's files are written where missing
    /// (meanwhile) and its records answered.
    /// </summary>
    private async Task RecordsPersistedAsync(RecordsPersisted persisted)
    {
        _writing = false;
        SnapshotIfDue();
        Flush();
        await WriteFilesAsync(persisted.Batch.Select(p => p.Record));
        foreach (var pending in persisted.Batch)
        {
            pending.ReplyTo.Tell(new DeadLetterRecorded(pending.Record.Id, pending.Known));
            if (!pending.Known)
            {
                _pendingIds.Remove(pending.Record.Id);
                _pendingByMessageId.Remove(pending.Record.MessageId);
            }
        }
    }

    private sealed record PendingRecord(DeadLetterRecord Record, IActorRef ReplyTo, bool Known);

    private sealed record RecordsPersisted(IReadOnlyList<PendingRecord> Batch);
}
