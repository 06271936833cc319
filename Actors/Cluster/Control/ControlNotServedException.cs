namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// Thrown by a handler that cannot serve the request on this node now (e.g. a standby seed for a singleton's
/// command): the node answers "not served", so the requester waits for the node that can.
/// </summary>
public sealed class ControlNotServedException(string message) : Exception(message);
