using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>One queue a queue supervisor runs: which broker queue, with which handler and settings.</summary>
/// <param name="Site">The site of a breakout queue; null for a shared (multiplexed) one.</param>
internal sealed record QueueRuntime(string Queue, string? Site, QueueSpec Spec, QueueSettings Settings, HandlerInvoker Invoker, ProcessingContext Context)
{
    /// <summary>For logs: "shared" or "site example.com".</summary>
    public string Scope => Site is null ? "shared" : "site " + Site;
}
