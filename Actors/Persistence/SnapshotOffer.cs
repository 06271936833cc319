namespace QueueActors.Actors.Persistence;

/// <summary>Given to <see cref="PersistentActor.ReceiveRecover"/> first when recovery starts from a snapshot.</summary>
/// <param name="SequenceNr">The last event the snapshot includes; replay goes on after it.</param>
/// <param name="Snapshot">The state saved by <see cref="PersistentActor"/>'s SaveSnapshotAsync.</param>
public sealed record SnapshotOffer(long SequenceNr, object Snapshot);
