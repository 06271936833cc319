namespace QueueActors.Actors.Persistence;

/// <summary>
/// One event as the journal stores it: the <see cref="SequenceNr"/>-th event of <see cref="PersistenceId"/>,
/// serialized (<see cref="Manifest"/> names how to read <see cref="Payload"/> back).
/// </summary>
/// <param name="PersistenceId">Whose event: one persistent actor (its id, not its path).</param>
/// <param name="SequenceNr">1 for the first event of the id, then 2, 3… without gaps.</param>
/// <param name="Manifest">What the payload is (the serializer's type name).</param>
/// <param name="Payload">The serialized event.</param>
/// <param name="WrittenAt">When it was persisted.</param>
/// <remarks>Record equality compares <see cref="Payload"/> by reference.</remarks>
public sealed record JournalEntry(string PersistenceId, long SequenceNr, string Manifest, ReadOnlyMemory<byte> Payload, DateTimeOffset WrittenAt);
