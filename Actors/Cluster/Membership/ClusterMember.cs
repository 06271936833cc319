namespace QueueActors.Actors.Cluster.Membership;

/// <summary>One member as this node sees it: its last status, its state, when it was last heard of and since when it is in this state.</summary>
public sealed record ClusterMember(NodeStatus Status, MemberState State, DateTimeOffset LastHeartbeat, DateTimeOffset Since)
{
    public string Node => Status.Node;
}
