using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>What every supervisor and handler actor of a node shares.</summary>
internal sealed class ProcessingContext
{
    public required ITransport Transport { get; init; }

    public required IServiceProvider Services { get; init; }

    public required ProcessingSettings Settings { get; init; }

    public required QueueTopology Topology { get; init; }

    public required EventOutcomes Outcomes { get; init; }

    public required ProcessingObservers Observers { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Counts per broker queue, for status.</summary>
    public required QueueCountersBook Counters { get; init; }

    /// <summary>Where failed attempts are logged per queue; null when <c>queueactors.stats.directory</c> is off.</summary>
    public Stats.QueueErrorLog? ErrorLog { get; init; }

    /// <summary>The paused queues (kept across a restart of processing).</summary>
    public required PausedQueues Paused { get; init; }

    /// <summary>The quiet node or queues (kept across a restart of processing, not across one of the process).</summary>
    public required QuietQueues Quiet { get; init; }

    /// <summary>
    /// A queue takes deliveries only while neither holds it: a pause and quiet mode are independent holds, each undone
    /// only by its own command (<c>queue resume</c>; <c>queue unquiet</c>, <c>node resume</c>).
    /// </summary>
    public bool Holds(string key) => Paused.Contains(key) || Quiet.Contains(key);

    /// <summary>What holds a held queue, for the log: "paused", "quiet" or "paused and quiet".</summary>
    public string HoldOf(string key) => (Paused.Contains(key), Quiet.Contains(key)) switch
    {
        (true, true) => "paused and quiet",
        (false, true) => "quiet",
        _ => "paused",
    };

    /// <summary>Every queue supervisor started, so that a stop can drain them all at once.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Akka.Actor.IActorRef> QueueSupervisors { get; } = new(StringComparer.Ordinal);
}
