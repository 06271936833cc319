namespace QueueActors.Actors.Processing;

/// <summary>
/// What this node's processing does now: a row per running queue and the totals (the in-flight total goes
/// into the node's status). Read from counters without asking any actor, so it is cheap to take often.
/// </summary>
/// <param name="Running">Processing has started and not stopped.</param>
/// <param name="Queues">The running queues, shared ones first, by queue then site.</param>
public sealed record ProcessingStatus(bool Running, IReadOnlyList<QueueProcessingStatus> Queues)
{
    /// <summary>The whole node is quiet (<see cref="ProcessingService.QuietNodeAsync"/>): none of its queues takes deliveries.</summary>
    public bool Quiet { get; init; }

    /// <summary>Events in flight on every queue.</summary>
    public int InFlight => Queues.Sum(q => q.InFlight);

    /// <summary>Events handled on every queue.</summary>
    public long Handled => Queues.Sum(q => q.Handled);

    /// <summary>Failed attempts on every queue.</summary>
    public long Failed => Queues.Sum(q => q.Failed);

    /// <summary>Events dead-lettered from every queue.</summary>
    public long DeadLettered => Queues.Sum(q => q.DeadLettered);
}
