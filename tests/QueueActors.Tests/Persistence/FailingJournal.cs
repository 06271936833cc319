using QueueActors.Actors.Persistence;

namespace QueueActors.Tests.Persistence;

/// <summary>A journal that fails the next append when told to (as a lost database connection would), and passes everything else on.</summary>
public sealed class FailingJournal(IEventJournal inner) : IEventJournal
{
    private int _failNext;

    public void FailNextAppend() => Volatile.Write(ref _failNext, 1);

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _failNext, 0) == 1
            ? Task.FromException(new PersistenceException("injected: the database went away"))
            : inner.AppendAsync(entries, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(persistenceId, fromSequenceNr, maxCount, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);
}
