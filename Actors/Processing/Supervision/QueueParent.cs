using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The common shape of <see cref="SiteSupervisor"/> and <see cref="SharedQueuesSupervisor"/>: one queue
/// supervisor child per queue, named by the queue, restarted within <c>queue-restart-window</c>.
/// </summary>
internal abstract class QueueParent : ReceiveActor
{
    private readonly IReadOnlyList<QueueRuntime> _queues;
    private readonly ProcessingContext _shared;

    protected QueueParent(IReadOnlyList<QueueRuntime> queues, ProcessingContext shared)
    {
        _queues = queues;
        _shared = shared;
        Receive<ReportStarted>(_ => Sender.Tell(QueuesStarted.Instance)); // after PreStart: the queue supervisors exist and are registered
    }

    protected override SupervisorStrategy SupervisorStrategy()
    {
        return RestartWindowStrategy.OneForOne(_shared.Settings.QueueRestartWindow, static _ => Directive.Restart);
    }

    protected override void PreStart()
    {
        foreach (var queue in _queues)
        {
            var child = Context.ActorOf(Props.Create(() => new QueueSupervisor(queue)), queue.Queue);
            _shared.QueueSupervisors[queue.Key] = child;
        }
    }

    /// <summary>Children stay across a restart of this actor (they own subscriptions).</summary>
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
    }
}
