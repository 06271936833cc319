using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>An event its handler finished.</summary>
/// <param name="Envelope">The event.</param>
/// <param name="Duration">How long the handler took (for a batch: the whole batch).</param>
public sealed record HandledEvent(Envelope Envelope, TimeSpan Duration);
