using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Sites;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Which broker queues a node consumes, from its handlers, its settings, the topology and the sites applied
/// at runtime. Ordered: shared queues by queue, then breakout queues by site and queue.
/// </summary>
public sealed partial class ProcessingService
{
    /// <summary>Applied sites by name (guarded by <see cref="_control"/>).</summary>
    private readonly Dictionary<string, SiteDefinition> _siteDefinitions = new(StringComparer.Ordinal);

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

    private List<QueueRuntime> Plan()
    {
        var queues = QueuesHere();
        var siteOnly = _filter?.Site;
        var plan = new List<QueueRuntime>();
        foreach (var queue in queues)
        {
            if (!_topology.IsPartitioned(queue) && _topology.HasSharedQueue(queue) && (siteOnly is null || !_topology.IsBreakout(siteOnly, queue)))
            {
                plan.Add(Runtime(queue, null, _topology.SharedSpec(queue), _context.Settings.ForQueue(queue)));
            }
        }

        IEnumerable<string> sites = siteOnly is { } only ? [only] : _context.Settings.Sites.Concat(_topology.NamedSites).Concat(_siteDefinitions.Keys);
        foreach (var site in sites.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            plan.AddRange(PlanSite(site, queues));
        }

        return plan;
    }

    /// <summary>The logical queues this node runs, ordered.</summary>
    private string[] QueuesHere()
    {
        var settings = _context.Settings;
        if (_filter is { } filter)
        {
            return _handlers.ContainsKey(filter.Queue)
                ? [filter.Queue]
                : throw new ArgumentException($"Queue {filter.Queue} has no handler on this node (handled: {string.Join(", ", _handlers.Keys.Order())}).", nameof(filter));
        }

        var queues = settings.Queues.Count > 0 ? settings.Queues.Where(_handlers.ContainsKey) : _handlers.Keys;
        return queues.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The breakout queues of <paramref name="site"/> run here: those the topology breaks out, of a site this
    /// node serves (named in its settings or a breakout rule, or applied), enabled and not filtered out by its
    /// definition, with the definition's concurrency.
    /// </summary>
    private List<QueueRuntime> PlanSite(string site, IReadOnlyList<string> queues)
    {
        _siteDefinitions.TryGetValue(site, out var definition);
        var served = _filter?.Site is { } only
            ? only == site
            : definition is not null || _context.Settings.Sites.Contains(site, StringComparer.Ordinal) || _topology.NamedSites.Contains(site, StringComparer.Ordinal);
        if (!served || definition is { Enabled: false })
        {
            return [];
        }

        return queues
            .Where(queue => _topology.IsBreakout(site, queue) && (definition?.HasQueue(queue) ?? true))
            .Select(queue => Runtime(queue, site, _topology.BreakoutSpec(site, queue), WithSiteConcurrency(_context.Settings.ForQueue(queue), definition, queue)))
            .ToList();
    }

    private static QueueSettings WithSiteConcurrency(QueueSettings settings, SiteDefinition? definition, string queue) =>
        definition is not null && definition.Concurrency.TryGetValue(queue, out var concurrency)
            ? settings with { Concurrency = concurrency, Prefetch = (ushort)Math.Max(settings.Prefetch, concurrency) }
            : settings;

    private QueueRuntime Runtime(string queue, string? site, Transport.QueueSpec spec, QueueSettings settings) =>
        new(queue, site, spec, settings, _handlers[queue].Invoker, _context);

    /// <summary>The plan's order: shared queues by queue, then breakout queues by site and queue.</summary>
    private static QueueRuntime[] Ordered(IEnumerable<QueueRuntime> plan) =>
        [.. plan.OrderBy(q => q.Site is not null).ThenBy(q => q.Site, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal)];
}
