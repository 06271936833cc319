namespace QueueActors.Actors.Persistence;

/// <summary>Given to <see cref="PersistentActor.ReceiveRecover"/> last, after every event was replayed; commands come next.</summary>
public sealed record RecoveryCompleted
{
    public static RecoveryCompleted Instance { get; } = new();

    private RecoveryCompleted()
    {
    }
}
