namespace QueueActors.Actors.Cluster.Singleton;

/// <summary>Asks a <see cref="ClusterSingletonManager"/> whether its node is the active one; the answer is <see cref="SingletonState"/>.</summary>
public sealed record GetSingletonState
{
    public static GetSingletonState Instance { get; } = new();
}
