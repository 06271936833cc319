namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// Tell the membership actor to leave the cluster gracefully: it broadcasts a signed leave, stops its heartbeats
/// and answers <see cref="LeftCluster"/>. The node sends it (and awaits the answer) before it stops its transport.
/// </summary>
public sealed record LeaveCluster
{
    public static LeaveCluster Instance { get; } = new();

    private LeaveCluster()
    {
    }
}
