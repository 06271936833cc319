namespace QueueActors.Actors.Cluster.Control;

/// <summary>An envelope read off the channel, not yet verified: the message, the exact body bytes that were signed, and the signature headers.</summary>
public sealed record OpenedControlMessage(ControlMessage Message, byte[] Body, IReadOnlyDictionary<string, string>? Headers);
