namespace QueueActors.Actors.Persistence;

/// <summary>Snapshots of persistent actors' state, at most one per (persistence id, sequence number).</summary>
public interface ISnapshotStore
{
    /// <summary>Saves the snapshot durably; saving again at the same sequence number replaces it.</summary>
    Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default);

    /// <summary>The snapshot of the id with the highest sequence number, or null when there is none.</summary>
    Task<SnapshotEntry?> LoadLatestAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the id's snapshots up to and including <paramref name="maxSequenceNr"/>; returns how many.</summary>
    Task<int> DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);
}
