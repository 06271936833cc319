namespace QueueActors.Actors.Persistence;

/// <summary>
/// What a <see cref="PersistentActor"/> persists to: a journal and a snapshot store on one backend, the
/// serializer for events and snapshots, and the replay page size. Made by <c>SqlitePersistence</c> or
/// <c>PostgresPersistence</c>; share one instance between all persistent actors of a process.
/// </summary>
public sealed class PersistenceStores
{
    /// <summary>Creates the stores.</summary>
    public PersistenceStores(IEventJournal journal, ISnapshotStore snapshots, PersistenceSettings settings, IPersistenceSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ReplayBatchSize, 1);
        Journal = journal;
        Snapshots = snapshots;
        Settings = settings;
        Serializer = serializer ?? new JsonPersistenceSerializer();
    }

    public IEventJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public PersistenceSettings Settings { get; }

    public IPersistenceSerializer Serializer { get; }
}
