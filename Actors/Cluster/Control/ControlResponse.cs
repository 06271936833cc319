namespace QueueActors.Actors.Cluster.Control;

/// <summary>One node's verified reply; <paramref name="Served"/> is false when the node has no handler for the command.</summary>
public sealed record ControlResponse(string Node, ControlReply Reply, bool Served);
