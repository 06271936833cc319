namespace QueueActors.Actors.Cluster.Membership;

/// <summary>A verified heartbeat, handed from the control actor to the membership actor.</summary>
internal sealed record HeartbeatReceived(NodeStatus Status);
