namespace QueueActors.Actors.Messaging;

/// <summary>The answer of a publish with <see cref="PublishOptions"/>: a duplicate is an answer, not an exception.</summary>
/// <param name="MessageId">The event's message id; for a <see cref="PublishOutcome.Duplicate"/>, the id of the event that holds the key.</param>
/// <param name="Outcome">Published now, scheduled for later, or dropped as a duplicate.</param>
/// <param name="DeliverAt">When a scheduled event becomes ready on its queue; null otherwise.</param>
public sealed record PublishResult(string MessageId, PublishOutcome Outcome, DateTimeOffset? DeliverAt = null);
