using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Processing;

/// <summary>Which broker queues a node consumes, from its handlers, its settings and the topology.</summary>
public sealed partial class ProcessingService
{
    private static IReadOnlyDictionary<string, QueueHandlerRegistration> IndexByQueue(IEnumerable<QueueHandlerRegistration> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var index = new Dictionary<string, QueueHandlerRegistration>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (index.TryGetValue(handler.Queue, out var other) && other.HandlerType != handler.HandlerType)
            {
                throw new ArgumentException($"Queue {handler.Queue} has two handlers: {other.HandlerType.FullName} and {handler.HandlerType.FullName}.", nameof(handlers));
            }

            index[handler.Queue] = handler;
        }

        return index;
    }

    private List<QueueRuntime> Plan(ProcessingFilter? filter)
    {
        var settings = _context.Settings;
        var topology = _context.Topology;
        IEnumerable<string> queues = settings.Queues.Count > 0 ? settings.Queues.Where(_handlers.ContainsKey) : _handlers.Keys;
        if (filter is not null)
        {
            queues = _handlers.ContainsKey(filter.Queue)
                ? [filter.Queue]
                : throw new ArgumentException($"Queue {filter.Queue} has no handler on this node (handled: {string.Join(", ", _handlers.Keys.Order())}).", nameof(filter));
        }

        var sites = filter?.Site is { } only ? [only] : settings.Sites.Concat(topology.NamedSites).Distinct(StringComparer.Ordinal).ToArray();
        var plan = new List<QueueRuntime>();
        foreach (var queue in queues.Order(StringComparer.Ordinal))
        {
            var handler = _handlers[queue];
            var queueSettings = settings.ForQueue(queue);
            var siteOnly = filter?.Site;
            if (topology.HasSharedQueue(queue) && (siteOnly is null || !topology.IsBreakout(siteOnly, queue)))
            {
                plan.Add(new QueueRuntime(queue, null, topology.SharedSpec(queue), queueSettings, handler.Invoker, _context));
            }

            foreach (var site in sites.Where(s => topology.IsBreakout(s, queue)))
            {
                plan.Add(new QueueRuntime(queue, site, topology.BreakoutSpec(site, queue), queueSettings, handler.Invoker, _context));
            }
        }

        return plan;
    }
}
