namespace QueueActors.Actors.Cluster.Membership;

/// <summary>The answer to <see cref="LeaveCluster"/>: <paramref name="Announced"/> says whether the leave message reached the transport.</summary>
public sealed record LeftCluster(bool Announced);
