using QueueActors.Actors.Messaging;
using QueueActors.Actors.Sites;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli.Check;

/// <summary>The broker queues that must have a consumer: those the configuration and the site registry name.</summary>
public static class ExpectedQueues
{
    /// <summary>
    /// The shared queues of <c>queueactors.processing.queues</c>, and of every enabled site (configured, or
    /// <paramref name="registered"/>) the broker queues of the queues it lists and its breakouts, routed as nodes route
    /// them. A site that lists no queues takes every queue with a handler: those are the ones workers run.
    /// </summary>
    public static IReadOnlyList<string> Of(NodeOptions options, IEnumerable<SiteDefinition> registered)
    {
        ArgumentNullException.ThrowIfNull(options);
        var topology = new QueueTopology(options.Messaging);
        var names = new SortedSet<string>(options.Processing.Queues.Select(q => topology.SharedSpec(q).BrokerQueue), StringComparer.Ordinal);
        var sites = options.Sites.Sites.Concat(registered).Where(s => s.Enabled).DistinctBy(s => s.Name, StringComparer.Ordinal).ToList();
        foreach (var site in sites)
        {
            topology.Route(site.Name, site);
        }

        foreach (var site in sites)
        {
            foreach (var queue in site.Queues.Concat(site.Breakout).Distinct(StringComparer.Ordinal))
            {
                names.Add(topology.BrokerQueueFor(site.Name, queue));
            }
        }

        return [.. names];
    }
}
