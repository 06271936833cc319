using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Sites;

/// <summary>
/// How a site's definition routes its events, in one place for every node and every publisher (the node's own
/// <see cref="IEventPublisher"/>, <c>queueactors publish</c>, <c>purge-queue --site</c>): its breakout queues go to
/// <c>qa.&lt;site&gt;.&lt;queue&gt;</c>, and a disabled site's events are refused where they would go to a shared queue.
/// </summary>
public static class SiteRouting
{
    /// <summary>Routes <paramref name="site"/> by <paramref name="definition"/>; null: the site is gone (shared queues, enabled).</summary>
    /// <exception cref="ArgumentException">The site or a queue name is not valid.</exception>
    public static void Route(this QueueTopology topology, string site, SiteDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(topology);
        topology.SetSiteBreakout(site, definition?.Breakout ?? []);
        topology.SetSiteEnabled(site, definition?.Enabled ?? true);
    }
}
