namespace QueueActors.Actors.Scheduling;

/// <summary>One event held until its time.</summary>
/// <param name="MessageId">Its message id (the one the publish returned; cancel takes it).</param>
/// <param name="BrokerQueue">The broker queue it goes to when due.</param>
/// <param name="Site">Its site.</param>
/// <param name="Queue">Its logical queue.</param>
/// <param name="DueAt">When it becomes ready on its queue.</param>
/// <param name="EnqueuedAt">When it was published.</param>
public sealed record ScheduledEvent(string MessageId, string BrokerQueue, string Site, string Queue, DateTimeOffset DueAt, DateTimeOffset EnqueuedAt);
