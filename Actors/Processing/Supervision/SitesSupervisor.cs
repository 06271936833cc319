using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// One <see cref="SiteSupervisor"/> per site with breakout queues (<c>/user/sites</c>), each added by
/// <see cref="StartSite"/> (at start and at runtime) and removed by <see cref="StopSite"/>.
/// </summary>
internal sealed class SitesSupervisor(ProcessingContext shared) : ActorBase
{
    /// <summary>Who waits for which stopping site supervisor.</summary>
    private readonly Dictionary<IActorRef, List<IActorRef>> _stopping = [];

    protected override SupervisorStrategy SupervisorStrategy()
    {
        var window = shared.Settings.QueueRestartWindow;
        return new OneForOneStrategy(window.MaxRestarts, window.Within, static _ => Directive.Restart);
    }

    /// <summary>Children stay across a restart of this actor (they own subscriptions).</summary>
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case StartSite start:
                OnStartSite(start);
                return ValueTask.CompletedTask;
            case StopSite stop:
                OnStopSite(stop);
                return ValueTask.CompletedTask;
            case Terminated terminated when _stopping.Remove(terminated.ActorRef, out var waiting):
                waiting.ForEach(requester => requester.Tell(SiteStopped.Instance, Self));
                return ValueTask.CompletedTask;
            default:
                return Unhandled(message);
        }
    }

    private void OnStartSite(StartSite start)
    {
        IActorRef site;
        try
        {
            site = Context.ActorOf(Props.Create(() => new SiteSupervisor(start.Queues, shared)), start.Site);
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
        if (Context.Child(stop.Site) is not { } site)
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
