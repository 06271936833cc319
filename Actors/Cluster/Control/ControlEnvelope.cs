namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// What travels between actors on the control channel (the DistributedPubSub topic, ClusterClient, direct replies):
/// one message in <see cref="ControlWire"/>'s signed form. Remoting authenticates no single message, so the bytes stay
/// signed end to end and are verified where they are acted on.
/// </summary>
/// <param name="Wire">The sealed message (<see cref="ControlWire.Seal"/>).</param>
public sealed record ControlEnvelope(byte[] Wire);
