namespace QueueActors.Actors.Scheduling;

/// <summary>The events one broker queue has waiting for their time.</summary>
/// <param name="BrokerQueue">The queue.</param>
/// <param name="Count">How many.</param>
/// <param name="NextDueAt">When the soonest is due.</param>
public sealed record ScheduledQueueSummary(string BrokerQueue, long Count, DateTimeOffset NextDueAt);
