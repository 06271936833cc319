using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Host.Node.Control;

/// <summary>The node's status: the process's (memory, uptime, version) plus the sites and queues it processes, and its status page.</summary>
/// <param name="softMemoryLimit"><c>queueactors.node.soft-memory-limit</c> in bytes (null: off), reported for <c>check memory</c>.</param>
public sealed class NodeStatusProvider(NodeRuntime runtime, ProcessNodeStatusProvider process, long? softMemoryLimit = null) : INodeStatusProvider
{
    public NodeStatus GetStatus()
    {
        var status = process.GetStatus() with { Address = runtime.System is { } system ? AkkaMembers.SelfAddress(system) : null, SoftMemoryLimitBytes = softMemoryLimit, StatusPage = runtime.StatusPage?.ToString() };
        if (runtime.Processing?.GetStatus() is not { } processing)
        {
            return status;
        }

        return status with
        {
            Sites = [.. processing.Queues.Where(q => q.Site is not null).Select(q => q.Site!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Queues = [.. processing.Queues.Select(q => q.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            InFlight = processing.InFlight,
            Quiet = processing.Quiet,
            QuietQueues = processing.Queues.Count(q => q.Quiet),
        };
    }
}
