namespace QueueActors.Host.Web.Status;

/// <summary>One broker queue on the status page: the broker's view (depth, consumers) and the nodes' (state, counts, rates).</summary>
/// <param name="BrokerQueue">The broker queue.</param>
/// <param name="Queue">Its logical queue (what <c>queue pause</c> takes).</param>
/// <param name="Site">The site of a breakout queue; null for the shared one.</param>
/// <param name="Depth">Ready messages, as the transport reports them; null when it could not answer.</param>
/// <param name="Consumers">Consumers, as the transport reports them; null when it could not answer.</param>
/// <param name="Nodes">Nodes that run it.</param>
/// <param name="PausedNodes">Of those, the paused ones.</param>
/// <param name="CircuitOpenNodes">Of those, the ones whose circuit is open (the handler failed on everything).</param>
/// <param name="InFlight">Events in handlers now, on every node.</param>
/// <param name="Handled">Events handled since the nodes started.</param>
/// <param name="Failed">Failed attempts since the nodes started.</param>
/// <param name="DeadLettered">Events sent to dead letters since the nodes started.</param>
/// <param name="HandledPerSecond">Handled events per second since the last snapshot.</param>
/// <param name="FailedPerSecond">Failed attempts per second since the last snapshot.</param>
public sealed record QueueRow(
    string BrokerQueue,
    string Queue,
    string? Site,
    long? Depth,
    int? Consumers,
    int Nodes,
    int PausedNodes,
    int CircuitOpenNodes,
    int InFlight,
    long Handled,
    long Failed,
    long DeadLettered,
    double HandledPerSecond,
    double FailedPerSecond)
{
    /// <summary>Of the nodes that run it, those where it is quiet (<c>queue quiet</c>, or the node quiet).</summary>
    public int QuietNodes { get; init; }

    /// <summary>Events held until their time for this queue (delayed, scheduled); null when no node reported them.</summary>
    public long? Scheduled { get; init; }

    /// <summary>When the soonest of <see cref="Scheduled"/> is due; null when none is held.</summary>
    public DateTimeOffset? NextScheduledAt { get; init; }

    /// <summary>Retries waiting for their delay on this queue; null when the transport cannot tell per queue (RabbitMQ).</summary>
    public long? RetriesWaiting { get; init; }
}
