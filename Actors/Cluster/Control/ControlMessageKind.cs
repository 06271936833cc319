namespace QueueActors.Actors.Cluster.Control;

/// <summary>What a message on the control channel is.</summary>
public enum ControlMessageKind
{
    /// <summary>A command for the nodes it targets.</summary>
    Request,

    /// <summary>A node's answer to a request, for the requester only.</summary>
    Reply,
}
