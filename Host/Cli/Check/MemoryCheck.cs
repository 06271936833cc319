using System.Globalization;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Host.Cli.Check;

/// <summary>
/// <c>check memory</c> over every node's <c>status</c>: CRITICAL for a node whose working set is past its soft memory
/// limit (<c>queueactors.node.soft-memory-limit</c>), WARNING past 90 % of it; a node without a limit is OK.
/// </summary>
public static class MemoryCheck
{
    private const double WarningShare = 0.9;

    public static CheckOutcome Evaluate(IReadOnlyList<NodeStatus> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var items = nodes.OrderBy(n => n.Node, StringComparer.Ordinal).Select(node =>
        {
            var used = Megabytes(node.WorkingSetBytes);
            if (node.SoftMemoryLimitBytes is not { } limit)
            {
                return new CheckedItem(node.Node, CheckStatus.Ok, $"working set {used}, no soft limit");
            }

            var status = node.WorkingSetBytes > limit ? CheckStatus.Critical : node.WorkingSetBytes > limit * WarningShare ? CheckStatus.Warning : CheckStatus.Ok;
            return new CheckedItem(node.Node, status, $"working set {used} of soft limit {Megabytes(limit)}");
        }).ToList();
        return CheckOutcome.Of("memory", items, $"{items.Count} node(s) within their soft memory limit");
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0} MiB");
}
