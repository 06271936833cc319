namespace QueueActors.Actors.Processing;

/// <summary>One queue running on this node, as <see cref="ProcessingService.GetStatus"/> sees it.</summary>
/// <param name="Queue">The logical queue.</param>
/// <param name="Site">The site of a breakout queue; null for the shared (multiplexed) one.</param>
/// <param name="BrokerQueue">The broker queue consumed.</param>
/// <param name="Paused">Paused by <see cref="ProcessingService.PauseAsync"/>: takes no deliveries.</param>
/// <param name="CircuitOpen">Its handler failed on everything and it waits before trying again.</param>
/// <param name="Concurrency">Handler actors.</param>
/// <param name="InFlight">Events handed to handlers and not finished yet.</param>
/// <param name="Handled">Events handled and acknowledged since processing started.</param>
/// <param name="Failed">Events whose handler failed (each attempt counts) since processing started.</param>
/// <param name="DeadLettered">Events sent to dead letters since processing started.</param>
public sealed record QueueProcessingStatus(
    string Queue,
    string? Site,
    string BrokerQueue,
    bool Paused,
    bool CircuitOpen,
    int Concurrency,
    int InFlight,
    long Handled,
    long Failed,
    long DeadLettered)
{
    /// <summary>Quiet (<see cref="ProcessingService.QuietQueueAsync"/>, or the whole node quiet): takes no deliveries. A pause and quiet mode are independent holds.</summary>
    public bool Quiet { get; init; }

    /// <summary>The queue's stats with its depth, where the reader collected them (<c>queue list</c> does); else null.</summary>
    public Stats.QueueStats? Stats { get; init; }

    /// <summary>The queue's cluster-wide rate limit (<c>50/s</c>), or null for none.</summary>
    public string? RateLimit { get; init; }
}
