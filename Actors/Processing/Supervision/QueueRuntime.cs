using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>One queue a queue supervisor runs: which broker queue, with which handler and settings.</summary>
/// <param name="Site">The site of a breakout queue; null for a shared (multiplexed) one.</param>
internal sealed record QueueRuntime(string Queue, string? Site, QueueSpec Spec, QueueSettings Settings, HandlerInvoker Invoker, ProcessingContext Context)
{
    /// <summary>For logs: "shared" or "site example.com".</summary>
    public string Scope => Site is null ? "shared" : "site " + Site;

    /// <summary>Unique per node: <c>site/queue</c>, or <c>*/queue</c> for a shared queue.</summary>
    public string Key => KeyOf(Queue, Site);

    /// <summary>What the queue counts (shared by its supervisor and handler actors).</summary>
    public QueueCounters Counters { get; } = Context.Counters.For(Spec.BrokerQueue);

    /// <summary>Events handed to handlers (positive) or finished (negative): the status counter and the metric.</summary>
    public void AddInFlight(int events)
    {
        Counters.AddInFlight(events);
        QueueActorsMetrics.InFlight(Site, Queue, events);
    }

    public static string KeyOf(string queue, string? site) => $"{site ?? "*"}/{queue}";

    /// <summary>Whether <paramref name="other"/> runs the same way (so a site update can leave it running).</summary>
    public bool RunsLike(QueueRuntime other) => Queue == other.Queue && Site == other.Site && Spec == other.Spec && Settings == other.Settings && Invoker == other.Invoker;
}
