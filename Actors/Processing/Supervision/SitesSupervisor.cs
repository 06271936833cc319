using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>One <see cref="SiteSupervisor"/> per site with breakout queues (<c>/user/sites</c>).</summary>
internal sealed class SitesSupervisor(IReadOnlyDictionary<string, IReadOnlyList<QueueRuntime>> sites, ProcessingContext shared) : ActorBase
{
    protected override SupervisorStrategy SupervisorStrategy()
    {
        var window = shared.Settings.QueueRestartWindow;
        return new OneForOneStrategy(window.MaxRestarts, window.Within, static _ => Directive.Restart);
    }

    protected override void PreStart()
    {
        foreach (var (site, queues) in sites)
        {
            Context.ActorOf(Props.Create(() => new SiteSupervisor(queues, shared)), site);
        }
    }

    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
    }

    protected override ValueTask ReceiveAsync(object message) => Unhandled(message);
}
