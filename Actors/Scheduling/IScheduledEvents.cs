using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Scheduling;

/// <summary>
/// Events held until their time: a table in the cluster's database (SQLite or PostgreSQL), never a node's memory,
/// from which <see cref="ScheduledEventRelay"/> moves each due event onto its broker queue. The in-memory store of
/// the test harness (<see cref="InMemoryScheduledEvents"/>) runs on the harness clock.
/// </summary>
public interface IScheduledEvents
{
    /// <summary>
    /// Holds <paramref name="envelope"/> for <paramref name="brokerQueue"/> until <paramref name="dueAt"/>; durable when it
    /// returns. When due, the event goes to the queue the topology names for its site and queue then (a breakout change
    /// in between moves it); on a partitioned queue <paramref name="partitionKey"/> is the event's key, and the event goes
    /// to the key's partition then. <paramref name="brokerQueue"/>, the queue at scheduling, is what listings show.
    /// </summary>
    ValueTask ScheduleAsync(string brokerQueue, Envelope envelope, DateTimeOffset dueAt, string? partitionKey = null, CancellationToken cancellationToken = default);

    /// <summary>The held events, soonest first, of one broker queue and/or site (null: all), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ScheduledEvent>> ListAsync(string? brokerQueue = null, string? site = null, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>Drops the held event; false when no event of that id is held (unknown, or already being delivered).</summary>
    Task<bool> CancelAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>How many events each broker queue has waiting, and when its next one is due.</summary>
    Task<IReadOnlyList<ScheduledQueueSummary>> SummarizeAsync(CancellationToken cancellationToken = default);
}
