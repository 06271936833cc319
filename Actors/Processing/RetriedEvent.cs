using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>An event that will be tried again.</summary>
/// <param name="Envelope">The event as it failed.</param>
/// <param name="Attempt">The failed attempts now counted (1 after the first failure).</param>
/// <param name="Delay">When it comes back.</param>
/// <param name="Error">Why: the handler's exception, or null when its worker died (a redelivery).</param>
public sealed record RetriedEvent(Envelope Envelope, int Attempt, TimeSpan Delay, Exception? Error);
