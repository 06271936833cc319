using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The common shape of <see cref="SiteSupervisor"/> and <see cref="SharedQueuesSupervisor"/>: one queue
/// supervisor child per queue, named by the queue, restarted within <c>queue-restart-window</c>.
/// </summary>
internal abstract class QueueParent(IReadOnlyList<QueueRuntime> queues, ProcessingContext shared) : ActorBase
{
    protected override SupervisorStrategy SupervisorStrategy()
    {
        var window = shared.Settings.QueueRestartWindow;
        return new OneForOneStrategy(window.MaxRestarts, window.Within, static _ => Directive.Restart);
    }

    protected override void PreStart()
    {
        foreach (var queue in queues)
        {
            var child = Context.ActorOf(Props.Create(() => new QueueSupervisor(queue)), queue.Queue);
            shared.QueueSupervisors[queue.Key] = child;
        }
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
        if (message is ReportStarted)
        {
            Sender.Tell(QueuesStarted.Instance); // after PreStart: the queue supervisors exist and are registered
            return ValueTask.CompletedTask;
        }

        return Unhandled(message);
    }
}
