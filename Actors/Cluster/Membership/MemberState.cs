namespace QueueActors.Actors.Cluster.Membership;

/// <summary>A member's state in a node's view.</summary>
public enum MemberState
{
    /// <summary>Its heartbeats arrive.</summary>
    Up,

    /// <summary>No heartbeat within the failure-detection time.</summary>
    Unreachable,

    /// <summary>It left gracefully, or stayed unreachable past gone-after.</summary>
    Gone,
}
