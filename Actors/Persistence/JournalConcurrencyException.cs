namespace QueueActors.Actors.Persistence;

/// <summary>
/// Another writer already wrote an event with this sequence number for this persistence id: two actors
/// (or two incarnations, or two nodes) hold the same persistence id. Nothing of the failed append was written.
/// </summary>
public sealed class JournalConcurrencyException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public JournalConcurrencyException(string persistenceId, long sequenceNr, Exception? innerException = null)
        : base($"Persistence id {persistenceId}: sequence number {sequenceNr} was already written by another writer; the append was rolled back.", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The id written concurrently.</summary>
    public string PersistenceId { get; }

    /// <summary>The first sequence number of the failed append.</summary>
    public long SequenceNr { get; }
}
