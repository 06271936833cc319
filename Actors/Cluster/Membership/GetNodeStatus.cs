namespace QueueActors.Actors.Cluster.Membership;

/// <summary>Asks a node's control actor for its <see cref="NodeStatus"/> (with its Akka address; the answer is a <see cref="NodeStatusReport"/>), as <c>cluster show</c> does of every member.</summary>
public sealed record GetNodeStatus
{
    public static GetNodeStatus Instance { get; } = new();
}
