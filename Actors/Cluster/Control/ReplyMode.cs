namespace QueueActors.Actors.Cluster.Control;

/// <summary>How many replies a requester waits for.</summary>
public enum ReplyMode
{
    /// <summary>The first served reply (one node answers for the cluster, or the one targeted node).</summary>
    First,

    /// <summary>Every addressed node's reply within the timeout (each node acts and reports).</summary>
    All,
}
