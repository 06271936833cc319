using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// One <see cref="SiteSupervisor"/> per site with breakout queues (<c>/user/sites</c>), each added by
/// <see cref="StartSite"/> (at start and at runtime) and removed by <see cref="StopSite"/>.
/// </summary>
internal sealed class SitesSupervisor : ReceiveActor
{
    private readonly ProcessingContext _shared;

    /// <summary>Who waits for which stopping site supervisor.</summary>
    private readonly Dictionary<IActorRef, List<IActorRef>> _stopping = [];

    public SitesSupervisor(ProcessingContext shared)
    {
        _shared = shared;
        Receive<StartSite>(OnStartSite);
        Receive<StopSite>(OnStopSite);
        Receive<Terminated>(OnTerminated);
    }

    protected override SupervisorStrategy SupervisorStrategy()
    {
        return RestartWindowStrategy.OneForOne(_shared.Settings.QueueRestartWindow, static _ => Directive.Restart);
    }

    /// <summary>Children stay across a restart of this actor (they own subscriptions).</summary>
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_stopping.Remove(terminated.ActorRef, out var waiting))
        {
            waiting.ForEach(requester => requester.Tell(SiteStopped.Instance, Self));
        }
    }

    private void OnStartSite(StartSite start)
    {
        IActorRef site;
        try
        {
            site = Context.ActorOf(Props.Create(() => new SiteSupervisor(start.Queues, _shared)), start.Site);
        }
        catch (InvalidActorNameException ex)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException($"Site {start.Site} is still running here: {ex.Message}", ex)));
            return;
        }

        site.Tell(ReportStarted.Instance, Sender);
    }

    private void OnStopSite(StopSite stop)
    {
        var site = Context.Child(stop.Site);
        if (site.IsNobody())
        {
            Sender.Tell(SiteStopped.Instance, Self);
            return;
        }

        if (!_stopping.TryGetValue(site, out var waiting))
        {
            _stopping[site] = waiting = [];
            Context.Watch(site);
            Context.Stop(site);
        }

        waiting.Add(Sender);
    }
}
