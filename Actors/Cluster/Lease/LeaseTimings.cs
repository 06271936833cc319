namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// Akka's three lease timings, as <see cref="TransportLeaseHocon"/> writes them. For these leases:
/// <paramref name="HeartbeatTimeout"/> is how long a holder whose machine or network went silent keeps the lease
/// (the backend's keepalive; a dead process frees it at once); <paramref name="HeartbeatInterval"/> how often the
/// holder checks its connection (under half the timeout, as Akka requires); <paramref name="OperationTimeout"/>
/// the longest an acquire or release may take.
/// </summary>
public sealed record LeaseTimings(TimeSpan HeartbeatTimeout, TimeSpan HeartbeatInterval, TimeSpan OperationTimeout)
{
    /// <summary>10 s, 2 s, 5 s.</summary>
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
}
