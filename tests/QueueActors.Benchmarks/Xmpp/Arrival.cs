namespace QueueActors.Benchmarks.Xmpp;

/// <summary>A stanza that reached the receiving client: its sequence number, the resource (node) that sent it, and when.</summary>
internal readonly record struct Arrival(long Sequence, string Resource, TimeSpan At);
