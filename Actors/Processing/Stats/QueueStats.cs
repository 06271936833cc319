using System.Text.Json.Serialization;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>
/// One queue this node consumes, as its stats file and the control channel show it (Zulip's queue_processors
/// stats, plus the queue's depth and what the checks need). Times are UTC.
/// </summary>
/// <param name="Queue">The logical queue.</param>
/// <param name="Site">The site of a breakout queue; null for the shared one.</param>
/// <param name="BrokerQueue">The broker queue consumed.</param>
/// <param name="UpdateTime">When these figures were read.</param>
/// <param name="RecentAverageConsumeMs">The recent average time one event took its handler (an EWMA weighted like a 50-event window); null before the first.</param>
/// <param name="QueueLastEmptied">When no delivery last waited on this node for a handler; null: not yet.</param>
/// <param name="ConsumedSinceLastEmptied">Events finished since then.</param>
/// <param name="CurrentEventStart">When the oldest event now in a handler started; null when idle.</param>
/// <param name="LastFinished">When a handler last finished an event (either way); null: none yet.</param>
/// <param name="RunningSince">When this node began counting for the queue.</param>
/// <param name="InFlight">Events in handlers now.</param>
/// <param name="Depth">Events waiting on the broker queue; null when the transport did not answer.</param>
/// <param name="Consumers">Consumers on the broker queue (all nodes); null when the transport did not answer.</param>
public sealed record QueueStats(
    string Queue,
    string? Site,
    string BrokerQueue,
    DateTimeOffset UpdateTime,
    double? RecentAverageConsumeMs,
    DateTimeOffset? QueueLastEmptied,
    long ConsumedSinceLastEmptied,
    DateTimeOffset? CurrentEventStart,
    DateTimeOffset? LastFinished,
    DateTimeOffset RunningSince,
    int InFlight,
    long? Depth,
    int? Consumers)
{
    /// <summary>Depth × recent average consume time: how long this queue needs to clear its backlog (null: not known).</summary>
    [JsonIgnore]
    public TimeSpan? TimeToClear => Depth is { } depth && RecentAverageConsumeMs is { } ms ? TimeSpan.FromMilliseconds(depth * ms) : null;

    /// <summary>Events held until their time for this broker queue (delayed, scheduled; in the cluster's database); null when not asked.</summary>
    public long? Scheduled { get; init; }

    /// <summary>When the soonest of <see cref="Scheduled"/> is due; null when none is held.</summary>
    public DateTimeOffset? NextScheduledAt { get; init; }

    /// <summary>Retries waiting for their delay on this broker queue; null when the transport cannot count them per queue (RabbitMQ's shared delay buckets).</summary>
    public long? RetriesWaiting { get; init; }
}
