namespace QueueActors.Actors.Persistence;

/// <summary>
/// The event journal: per persistence id an append-only sequence of events numbered 1, 2, 3… The
/// (persistence id, sequence number) pair is unique, so of two writers that both think they are next only
/// one succeeds; the other gets <see cref="JournalConcurrencyException"/>. SQLite (<c>Sqlite/</c>) and
/// PostgreSQL (<c>Postgres/</c>) implement it with the same meaning and pass the same tests.
/// </summary>
public interface IEventJournal
{
    /// <summary>
    /// Appends the entries (all of one persistence id, consecutive numbers) atomically: all are durable when
    /// this returns, or none is written.
    /// </summary>
    /// <exception cref="JournalConcurrencyException">One of the sequence numbers is taken already (or was, and is deleted).</exception>
    /// <exception cref="ArgumentException">Entries of several ids, or numbers that are not consecutive.</exception>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxCount"/> events of the id from <paramref name="fromSequenceNr"/> on, in order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number written for the id, deleted events included; 0 when it never had one.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the id's events up to and including <paramref name="toSequenceNr"/> (after a snapshot made them
    /// unnecessary). Their numbers stay used: the next append still continues after the highest ever written.
    /// </summary>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
