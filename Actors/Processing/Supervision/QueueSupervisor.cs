using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Runs one broker queue on this node:
/// <list type="number">
/// <item>Starts <c>concurrency</c> handler actors and subscribes with <c>prefetch</c>; the subscription's
/// callback only tells this actor, which holds the deliveries until a handler is idle.</item>
/// <item>Hands each idle handler one delivery (a batch handler: all waiting, up to <c>batch-size</c>); the
/// handler acks when it is done, so nothing is acked before its handler finished.</item>
/// <item>Restarts a failed handler (restart window from <c>handler-restart-window</c>); counts failures in
/// a row, and past <c>circuit-breaker.failures</c> pauses the whole queue (see <c>QueueSupervisor.Circuit</c>).</item>
/// <item><see cref="Drain"/>: stops the subscription, hands back what no handler started, and replies
/// <see cref="Drained"/> once the work in flight is done.</item>
/// <item><see cref="ApplyPause"/>: pauses or resumes taking deliveries (see <c>QueueSupervisor.Pause</c>).</item>
/// </list>
/// </summary>
internal sealed partial class QueueSupervisor(QueueRuntime queue) : ActorBase
{
    /// <summary>Process-wide, so that a restarted instance never mistakes an old subscription's deliveries for its own.</summary>
    private static int s_generations;
    private readonly Queue<Delivery> _pending = new();
    private readonly List<IActorRef> _idle = [];
    private readonly HashSet<IActorRef> _handlers = [];

    /// <summary>Handlers at work, with how many events each holds.</summary>
    private readonly Dictionary<IActorRef, int> _busy = [];
    private ISubscription? _subscription;
    private int _generation;
    private int _handlerSequence;
    private IActorRef? _drainRequester;

    private ProcessingContext Shared => queue.Context;

    protected override SupervisorStrategy SupervisorStrategy()
    {
        var window = Shared.Settings.HandlerRestartWindow;
        return new OneForOneStrategy(window.MaxRestarts, window.Within, static error => error is ActorInitializationException ? Directive.Stop : Directive.Restart);
    }

    protected override void PreStart()
    {
        _paused = Shared.Paused.Contains(queue.Key);
        for (var i = 0; i < queue.Settings.Concurrency; i++)
        {
            StartHandler();
        }

        Self.Tell(Subscribe.Instance);
    }

    protected override void PostStop()
    {
        ForgetCounts();
        if (_subscription is { } subscription)
        {
            // Stopped without a drain (a restart, or the node's deadline passed): the broker takes back what
            // is unacknowledged when the subscription goes.
            _subscription = null;
            _ = ReleaseAsync(subscription, Shared);
        }
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Deliver deliver:
                return OnDeliverAsync(deliver);
            case HandlerReady:
                OnHandlerReady(Sender);
                return ReleaseIfPausedAsync();
            case WorkDone done:
                OnWorkDone(Sender, done);
                return ReleaseIfPausedAsync();
            case Terminated terminated:
                OnHandlerStopped(terminated.ActorRef);
                return ReleaseIfPausedAsync();
            case HandlerAbandoned abandoned:
                OnHandlerAbandoned(abandoned);
                return ValueTask.CompletedTask;
            case AbandonedHandlerEnded ended:
                OnAbandonedHandlerEnded(ended);
                return ValueTask.CompletedTask;
            case TryOneEvent:
                OnTryOneEvent();
                return ValueTask.CompletedTask;
            case Subscribe:
                return SubscribeAsync();
            case Drain:
                return DrainAsync(Sender);
            case ApplyPause:
                return ApplyPauseAsync(Sender);
            default:
                return Unhandled(message);
        }
    }

    private async ValueTask SubscribeAsync()
    {
        if (_subscription is not null || _drainRequester is not null)
        {
            return; // subscribed already (a resume came before the first Subscribe), or stopping
        }

        if (_paused)
        {
            RuntimeLog.StartedPaused(Shared.Logger, queue.Queue, queue.Scope, queue.Spec.BrokerQueue);
            return;
        }

        var generation = _generation = Interlocked.Increment(ref s_generations);
        var self = Self;
        try
        {
            _subscription = await Shared.Transport.SubscribeAsync(queue.Spec, queue.Settings.Prefetch, (delivery, _) =>
            {
                self.Tell(new Deliver(delivery, generation));
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            ProcessingLog.SubscribeFailed(Shared.Logger, queue.Queue, queue.Scope, queue.Spec.BrokerQueue, ex.Message);
            throw; // the site supervisor restarts this queue within its window
        }

        ProcessingLog.QueueStarted(Shared.Logger, queue.Queue, queue.Scope, queue.Spec.BrokerQueue, queue.Settings.Concurrency, queue.Settings.Prefetch, queue.Invoker.HandlerType.Name);
    }

    private async ValueTask OnDeliverAsync(Deliver deliver)
    {
        if (deliver.Generation != _generation)
        {
            return; // from a subscription released in a restart: the broker redelivers it
        }

        if (_drainRequester is not null || _paused)
        {
            await Shared.Outcomes.HandBackAsync(deliver.Delivery, queue.Spec.BrokerQueue).ConfigureAwait(false);
            return;
        }

        PlainEvents.Reread(deliver.Delivery, queue); // a plain event from another producer gets its site and queue
        _pending.Enqueue(deliver.Delivery);
        Dispatch();
    }

    private void OnHandlerReady(IActorRef handler)
    {
        if (!_handlers.Contains(handler))
        {
            return;
        }

        EndWork(handler);
        if (!_idle.Contains(handler))
        {
            _idle.Add(handler);
        }

        Dispatch();
        ReplyIfDrained();
    }

    private void OnWorkDone(IActorRef handler, WorkDone done)
    {
        EndWork(handler);
        if (done.Succeeded && _handlers.Contains(handler))
        {
            _idle.Add(handler); // a failed handler restarts and says HandlerReady again
        }

        RecordOutcome(done);
        Dispatch();
        ReplyIfDrained();
    }

    private void StartHandler()
    {
        var handler = Context.ActorOf(Props.Create(() => new HandlerActor(queue)), "handler-" + ++_handlerSequence);
        Context.Watch(handler);
        _handlers.Add(handler);
    }

    private void Dispatch()
    {
        while (_pending.Count > 0 && _idle.Count > 0 && HasFreeSlot && _drainRequester is null && TakeWorkPermit(out var trial))
        {
            var take = queue.Invoker.IsBatch && !trial ? Math.Min(_pending.Count, queue.Settings.BatchSize) : 1;
            var deliveries = new Delivery[take];
            for (var i = 0; i < take; i++)
            {
                deliveries[i] = _pending.Dequeue();
            }

            var handler = _idle[^1];
            _idle.RemoveAt(_idle.Count - 1);
            _busy[handler] = take;
            queue.Counters.AddInFlight(take);
            handler.Tell(new Work(deliveries, trial), Self);
        }
    }

    /// <summary>The handler's work is over (done, or the handler stopped); false if it had none.</summary>
    private bool EndWork(IActorRef handler)
    {
        if (!_busy.Remove(handler, out var events))
        {
            return false;
        }

        queue.Counters.AddInFlight(-events);
        return true;
    }

    /// <summary>This instance stops: what it counted as in flight is no longer its to finish.</summary>
    private void ForgetCounts()
    {
        queue.Counters.AddInFlight(-_busy.Values.Sum() - _abandonedEvents);
        _busy.Clear();
        _abandoned = _abandonedEvents = 0;
        queue.Counters.CircuitOpen = false;
    }

    private static async Task ReleaseAsync(ISubscription subscription, ProcessingContext shared)
    {
        try
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ProcessingLog.ReleaseFailed(shared.Logger, subscription.BrokerQueue, ex.Message);
        }
    }
}
