namespace QueueActors.Actors.Cluster.Membership;

/// <summary>What a node says about itself in <c>status</c> and <c>cluster show</c>.</summary>
/// <param name="Node">Its name in the cluster.</param>
/// <param name="Roles">Its roles (<c>worker</c>, <c>seed</c>).</param>
/// <param name="Sites">The sites it serves.</param>
/// <param name="Queues">The logical queues it processes.</param>
/// <param name="InFlight">Events being handled now.</param>
/// <param name="WorkingSetBytes">The process's working set.</param>
/// <param name="GcHeapBytes">The managed heap in use.</param>
/// <param name="Uptime">How long the node has run.</param>
/// <param name="Version">The node's informational version.</param>
public sealed record NodeStatus(
    string Node,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Queues,
    long InFlight,
    long WorkingSetBytes,
    long GcHeapBytes,
    TimeSpan Uptime,
    string Version)
{
    /// <summary>Its Akka cluster address, which joins this status to Akka's member state; null where the node is no cluster member.</summary>
    public string? Address { get; init; }

    /// <summary>The address of the node's status page (on seeds and the embedded node); null where it serves none.</summary>
    public string? StatusPage { get; init; }

    /// <summary>The whole node is quiet (<c>node quiet</c>): it takes no new events on any queue until <c>node resume</c>.</summary>
    public bool Quiet { get; init; }

    /// <summary>How many of the broker queues it runs are quiet (all of them while the node is; else those quieted one by one).</summary>
    public int QuietQueues { get; init; }

    /// <summary>The node's soft memory limit (<c>queueactors.node.soft-memory-limit</c>) in bytes; null when off.</summary>
    public long? SoftMemoryLimitBytes { get; init; }
}
