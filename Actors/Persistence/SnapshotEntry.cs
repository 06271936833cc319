namespace QueueActors.Actors.Persistence;

/// <summary>
/// An actor's state as of its event <see cref="SequenceNr"/>, serialized: recovery starts from the latest one
/// and replays only the events after it.
/// </summary>
/// <param name="PersistenceId">Whose state.</param>
/// <param name="SequenceNr">The last event the state includes.</param>
/// <param name="Manifest">What the payload is (the serializer's type name).</param>
/// <param name="Payload">The serialized state.</param>
/// <param name="WrittenAt">When it was saved.</param>
/// <remarks>Record equality compares <see cref="Payload"/> by reference.</remarks>
public sealed record SnapshotEntry(string PersistenceId, long SequenceNr, string Manifest, ReadOnlyMemory<byte> Payload, DateTimeOffset WrittenAt);
