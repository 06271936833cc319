using Akka.Actor;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Sites;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Sites at runtime (the control channel's <c>update:&lt;site&gt;</c>):
/// <list type="number">
/// <item>The site's breakout rules go into this node's topology (<see cref="QueueTopology.SetSiteBreakout"/>),
/// so its publishers route the site's events to <c>qa.&lt;site&gt;.&lt;queue&gt;</c> from now on. Other nodes
/// learn it when the control channel calls <see cref="QueueTopology.SetSiteBreakout"/> there.</item>
/// <item>The site's queues that should run here are compared with those running: unchanged, they keep
/// running; otherwise the running ones drain (in-flight events finish, unstarted ones go back to their
/// broker queue) and stop, and the new ones start under <c>/user/sites/&lt;site&gt;</c>.</item>
/// </list>
/// Before <see cref="StartAsync"/> (or after <see cref="StopAsync"/>) only the definition and the topology
/// change; a later start follows them. Pauses of the site's queues stay.
/// </summary>
public sealed partial class ProcessingService
{
    /// <summary>
    /// Starts, reconfigures or stops (<see cref="SiteDefinition.Enabled"/> false) the site's breakout queues on
    /// this node and sets its breakout rules in the topology. A disabled site keeps its rules (publishers refuse its events for shared queues): its events wait on
    /// its own queues. Returns the broker queues of the site running here afterwards.
    /// </summary>
    /// <param name="drainTimeout">How long running queues of the site may take to finish their events in flight.</param>
    /// <exception cref="ArgumentException">The definition names an invalid site or queue, or a concurrency below 1.</exception>
    public async Task<IReadOnlyList<string>> ApplySiteAsync(SiteDefinition site, TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.Validate();
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var known = _siteDefinitions.ContainsKey(site.Name);
            _siteDefinitions[site.Name] = site;
            _topology.Route(site.Name, site);
            var (running, changed) = await ReconcileSiteAsync(site.Name, drainTimeout, cancellationToken).ConfigureAwait(false);
            if (changed || (!known && _sites is not null))
            {
                RuntimeLog.SiteApplied(_logger, site.Name, string.Join(", ", site.Breakout), site.Enabled, string.Join(", ", running));
            }
            else
            {
                RuntimeLog.SiteUnchanged(_logger, site.Name, string.Join(", ", running));
            }

            return running;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Forgets the site's definition and runtime breakout rules (its new events go to the shared queues again;
    /// those already on its own queues stay there) and drains and stops its breakout queues, unless this node's
    /// settings serve the site anyway. Returns the broker queues of the site still running here.
    /// </summary>
    /// <exception cref="ArgumentException">Not a valid site name.</exception>
    public async Task<IReadOnlyList<string>> RemoveSiteAsync(string site, TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        QueueNames.ValidateSite(site);
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _siteDefinitions.Remove(site);
            _topology.Route(site, null);
            var (running, _) = await ReconcileSiteAsync(site, drainTimeout, cancellationToken).ConfigureAwait(false);
            RuntimeLog.SiteRemoved(_logger, site, string.Join(", ", running));
            return running;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <returns>The broker queues of the site running here afterwards; Changed: queues were started or stopped.</returns>
    private async Task<(IReadOnlyList<string> Running, bool Changed)> ReconcileSiteAsync(string site, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        if (_sites is not { } sites)
        {
            return ([], false);
        }

        var wanted = PlanSite(site, QueuesHere());
        var running = _plan.Where(q => q.Site == site).ToArray();
        if (wanted.Count == running.Length && wanted.Zip(running, (w, r) => w.RunsLike(r)).All(same => same))
        {
            return (running.Select(q => q.Spec.BrokerQueue).ToArray(), false);
        }

        if (running.Length > 0)
        {
            await StopSiteAsync(sites, site, running, drainTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (wanted.Count > 0)
        {
            await DeclareAsync(wanted.Select(q => q.Spec), cancellationToken).ConfigureAwait(false);
            await sites.Ask<QueuesStarted>(new StartSite(site, wanted), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _plan, Ordered(_plan.Concat(wanted)));
        }

        return (wanted.Select(q => q.Spec.BrokerQueue).ToArray(), true);
    }

    private async Task StopSiteAsync(IActorRef sites, string site, QueueRuntime[] running, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var supervisors = running.Select(q => _context.QueueSupervisors.GetValueOrDefault(q.Key)).OfType<IActorRef>();
        var drained = await DrainAsync(supervisors, drainTimeout, cancellationToken).ConfigureAwait(false);
        if (!drained)
        {
            RuntimeLog.SiteDrainTimedOut(_logger, site, drainTimeout);
        }

        // Stopped handlers cancel their work, so the stop itself is quick even when the drain timed out.
        await sites.Ask<SiteStopped>(new StopSite(site), drainTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var queue in running)
        {
            _context.QueueSupervisors.TryRemove(queue.Key, out _);
        }

        Volatile.Write(ref _plan, _plan.Where(q => q.Site != site).ToArray());
    }
}
