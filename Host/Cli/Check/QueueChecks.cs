using System.Globalization;
using QueueActors.Actors.Processing;

namespace QueueActors.Host.Cli.Check;

/// <summary>
/// The queue checks over what every worker answered to <c>queue list</c> (one row per node and broker queue, with its
/// stats: depth and consumers as the broker reported them to that node, consume times as that node measured them).
/// </summary>
public static class QueueChecks
{
    /// <summary>
    /// Every broker queue a worker runs, and every one <paramref name="expected"/> names (the configuration's), has at
    /// least one consumer: CRITICAL for none, UNKNOWN where no node could ask the broker, or when the site registry did
    /// not answer (<paramref name="registryAnswered"/> false: its sites' queues were not checked).
    /// </summary>
    public static CheckOutcome Consumers(IReadOnlyList<QueueProcessingStatus> rows, IEnumerable<string> expected, bool registryAnswered = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byQueue = rows.GroupBy(r => r.BrokerQueue, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = byQueue.Keys.Union(expected, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var items = names.Select(name =>
        {
            if (!byQueue.TryGetValue(name, out var running))
            {
                return new CheckedItem(name, CheckStatus.Critical, "has no consumer (no worker runs it)");
            }

            var consumers = running.Select(r => r.Stats?.Consumers).Where(c => c is not null).Select(c => c!.Value).ToList();
            return consumers.Count == 0
                ? new CheckedItem(name, CheckStatus.Unknown, "consumers unknown (the broker did not answer)")
                : consumers.Max() is var most && most > 0
                    ? new CheckedItem(name, CheckStatus.Ok, Plural(most, "consumer"))
                    : new CheckedItem(name, CheckStatus.Critical, "has no consumer");
        }).ToList();
        if (!registryAnswered)
        {
            items.Add(new CheckedItem("site registry", CheckStatus.Unknown, "did not answer: the registered sites' queues were not checked"));
        }

        return CheckOutcome.Of("consumers", items, $"{items.Count} queue(s) have consumers");
    }

    /// <summary>
    /// Time to clear each broker queue = depth × recent average consume time (the mean of the nodes' averages);
    /// WARNING / CRITICAL past the queue's thresholds. A queue with events and no average yet is not judged.
    /// </summary>
    public static CheckOutcome Backlog(IReadOnlyList<QueueProcessingStatus> rows, CheckSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        var items = rows.GroupBy(r => r.BrokerQueue, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(queue =>
        {
            var stats = queue.Select(r => r.Stats).OfType<Actors.Processing.Stats.QueueStats>().ToList();
            var depth = stats.Select(s => s.Depth).FirstOrDefault(d => d is not null);
            var averages = stats.Select(s => s.RecentAverageConsumeMs).OfType<double>().ToList();
            if (depth is null)
            {
                return new CheckedItem(queue.Key, CheckStatus.Unknown, "depth unknown (the broker did not answer)");
            }

            if (averages.Count == 0)
            {
                return new CheckedItem(queue.Key, CheckStatus.Ok, $"{depth} waiting, no consume time yet");
            }

            var toClear = TimeSpan.FromMilliseconds(depth.Value * averages.Average());
            var thresholds = settings.BacklogFor(queue.First().Queue);
            return new CheckedItem(queue.Key, thresholds.Judge(toClear), string.Create(CultureInfo.InvariantCulture, $"{depth} waiting, {toClear.TotalSeconds:0.#}s to clear (warning {thresholds.Warning.TotalSeconds:0.#}s, critical {thresholds.Critical.TotalSeconds:0.#}s)"));
        }).ToList();
        return CheckOutcome.Of("backlog", items, $"{items.Count} queue(s) clear their backlog in time");
    }

    /// <summary>
    /// CRITICAL for a queue on a node that has work (events waiting or in a handler) and has finished no event for
    /// <see cref="CheckSettings.StuckAfter"/> (since its start, if it never finished one). Paused and quiet queues are left out.
    /// </summary>
    public static CheckOutcome Stuck(IReadOnlyList<(string Node, QueueProcessingStatus Row)> rows, CheckSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        var items = rows.Where(r => r.Row.Stats is not null && !r.Row.Paused && !r.Row.Quiet).Select(r =>
        {
            var stats = r.Row.Stats!;
            var name = $"{r.Row.BrokerQueue}@{r.Node}";
            var hasWork = stats.InFlight > 0 || stats.Depth > 0;
            var idleFor = now - (stats.LastFinished ?? stats.RunningSince);
            return hasWork && idleFor > settings.StuckAfter
                ? new CheckedItem(name, CheckStatus.Critical, string.Create(CultureInfo.InvariantCulture, $"has work ({stats.Depth ?? 0} waiting, {stats.InFlight} in flight) and finished no event for {idleFor.TotalSeconds:0}s"))
                : new CheckedItem(name, CheckStatus.Ok, hasWork ? "making progress" : "idle");
        }).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        return CheckOutcome.Of("stuck", items, $"{items.Count} queue processor(s) making progress or idle");
    }

    private static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
