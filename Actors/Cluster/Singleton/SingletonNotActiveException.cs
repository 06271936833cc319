namespace QueueActors.Actors.Cluster.Singleton;

/// <summary>A message for a cluster singleton reached a node that does not run it now.</summary>
public sealed class SingletonNotActiveException(string singleton, string node)
    : Exception($"Singleton {singleton} does not run on node {node} now (another node is active, or none yet).")
{
    public string Singleton { get; } = singleton;

    public string Node { get; } = node;
}
