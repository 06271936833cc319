using Akka.Actor;
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
/// <item><see cref="ApplyPause"/>: pauses or resumes taking deliveries, for a pause or quiet mode (see <c>QueueSupervisor.Pause</c>).</item>
/// </list>
/// </summary>
internal sealed partial class QueueSupervisor : ReceiveActor, IWithTimers
{
    /// <summary>Process-wide, so that a restarted instance never mistakes an old subscription's deliveries for its own.</summary>
    private static int s_generations;
    private readonly QueueRuntime _queue;

    /// <summary>Made once per queue supervisor: Akka compiles the expression of <see cref="Props.Create{TActor}(System.Linq.Expressions.Expression{Func{TActor}}, SupervisorStrategy)"/>.</summary>
    private readonly Props _handlerProps;
    private readonly Queue<Delivery> _pending = new();
    private readonly List<IActorRef> _idle = [];
    private readonly HashSet<IActorRef> _handlers = [];

    /// <summary>Handlers at work, with how many events each holds and when (UTC ticks) it got them.</summary>
    private readonly Dictionary<IActorRef, (int Events, long StartedTicks)> _busy = [];
    private ISubscription? _subscription;
    private int _generation;
    private int _handlerSequence;
    private IActorRef? _drainRequester;

    public QueueSupervisor(QueueRuntime queue)
    {
        _queue = queue;
        _circuit = new CircuitBreaker(queue.Context.Settings.CircuitBreaker);
        _handlerProps = Props.Create(() => new HandlerActor(queue));

        // The hot path (a delivery, a handler's WorkDone) is synchronous; only turns that await are ReceiveAsync.
        Receive<Deliver>(deliver => deliver.Generation != _generation, _ => { }); // from a subscription released in a restart: the broker redelivers it
        ReceiveAsync<Deliver>(_ => _drainRequester is not null || _held, deliver => Shared.Outcomes.HandBackAsync(deliver.Delivery, _queue.Spec.BrokerQueue).AsTask());
        Receive<Deliver>(OnDeliver);
        Receive<WorkDone>(done =>
        {
            OnWorkDone(Sender, done);
            ReleaseWhenIdle();
        });
        Receive<HandlerReady>(_ =>
        {
            OnHandlerReady(Sender);
            ReleaseWhenIdle();
        });
        Receive<Terminated>(terminated =>
        {
            OnHandlerStopped(terminated.ActorRef);
            ReleaseWhenIdle();
        });
        Receive<HandlerAbandoned>(OnHandlerAbandoned);
        Receive<AbandonedHandlerEnded>(OnAbandonedHandlerEnded);
        Receive<TryOneEvent>(_ => OnTryOneEvent());
        ReceiveAsync<ReleasePaused>(_ => ReleaseIfPausedAsync());
        ReceiveAsync<Subscribe>(_ => SubscribeAsync());
        ReceiveAsync<Drain>(_ => DrainAsync(Sender));
        ReceiveAsync<ApplyPause>(_ => ApplyPauseAsync(Sender));
        ReceiveRateLimit();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private ProcessingContext Shared => _queue.Context;

    protected override SupervisorStrategy SupervisorStrategy()
    {
        return RestartWindowStrategy.OneForOne(Shared.Settings.HandlerRestartWindow, static error => error is ActorInitializationException ? Directive.Stop : Directive.Restart);
    }

    protected override void PreStart()
    {
        _held = Shared.Holds(_queue.Key);
        for (var i = 0; i < _queue.Settings.Concurrency; i++)
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

    private async Task SubscribeAsync()
    {
        if (_subscription is not null || _drainRequester is not null)
        {
            return; // subscribed already (a resume came before the first Subscribe), or stopping
        }

        if (_held)
        {
            RuntimeLog.StartedHeld(Shared.Logger, _queue.Queue, _queue.Scope, Shared.HoldOf(_queue.Key), _queue.Spec.BrokerQueue);
            return;
        }

        var generation = _generation = Interlocked.Increment(ref s_generations);
        var self = Self;
        try
        {
            _subscription = await Shared.Transport.SubscribeAsync(_queue.Spec, _queue.Settings.Prefetch, (delivery, _) =>
            {
                self.Tell(new Deliver(delivery, generation));
                return ValueTask.CompletedTask;
            });
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            ProcessingLog.SubscribeFailed(Shared.Logger, _queue.Queue, _queue.Scope, _queue.Spec.BrokerQueue, ex.Message);
            throw; // the site supervisor restarts this queue within its window
        }

        ProcessingLog.QueueStarted(Shared.Logger, _queue.Queue, _queue.Scope, _queue.Spec.BrokerQueue, _queue.Settings.Concurrency, _queue.Settings.Prefetch, _queue.Invoker.HandlerType.Name);
        StartRateLimit();
    }

    private void OnDeliver(Deliver deliver)
    {
        PlainEvents.Reread(deliver.Delivery, _queue); // a plain event from another producer gets its site and queue
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
        if (_pending.Count == 0)
        {
            _queue.Counters.Emptied(Shared.Time.GetUtcNow().UtcTicks);
        }

        ReplyIfDrained();
    }

    private void StartHandler()
    {
        var handler = Context.ActorOf(_handlerProps, "handler-" + ++_handlerSequence);
        Context.Watch(handler);
        _handlers.Add(handler);
    }

    private void Dispatch()
    {
        var dispatched = false;
        while (_pending.Count > 0 && _idle.Count > 0 && HasFreeSlot && _drainRequester is null && HasRatePermit() && TakeWorkPermit(out var trial))
        {
            var take = TakeRate(_queue.Invoker.IsBatch && !trial ? Math.Min(_pending.Count, _queue.Settings.BatchSize) : 1); // at least 1: HasRatePermit
            var deliveries = new Delivery[take];
            for (var i = 0; i < take; i++)
            {
                deliveries[i] = _pending.Dequeue();
            }

            var handler = _idle[^1];
            _idle.RemoveAt(_idle.Count - 1);
            _busy[handler] = (take, Shared.Time.GetUtcNow().UtcTicks);
            _queue.AddInFlight(take);
            handler.Tell(new Work(deliveries, trial), Self);
            dispatched = true;
        }

        if (dispatched)
        {
            PublishOldestStart();
        }
    }

    /// <summary>The handler's work is over (done, or the handler stopped); false if it had none.</summary>
    private bool EndWork(IActorRef handler)
    {
        if (!_busy.Remove(handler, out var work))
        {
            return false;
        }

        _queue.AddInFlight(-work.Events);
        PublishOldestStart();
        return true;
    }

    /// <summary>For the stats' "current event start": the oldest work in a handler (a loop over at most concurrency entries).</summary>
    private void PublishOldestStart()
    {
        var oldest = 0L;
        foreach (var (_, work) in _busy)
        {
            oldest = oldest == 0 ? work.StartedTicks : Math.Min(oldest, work.StartedTicks);
        }

        _queue.Counters.OldestStartedTicks = oldest;
    }

    /// <summary>This instance stops: what it counted as in flight is no longer its to finish.</summary>
    private void ForgetCounts()
    {
        _queue.AddInFlight(-_busy.Values.Sum(work => work.Events) - _abandonedEvents);
        _busy.Clear();
        _queue.Counters.OldestStartedTicks = 0;
        _abandoned = _abandonedEvents = 0;
        _queue.Counters.CircuitOpen = false;
    }

    private static async Task ReleaseAsync(ISubscription subscription, ProcessingContext shared)
    {
        try
        {
            await subscription.DisposeAsync().ConfigureAwait(false); // detached from this actor: it may have stopped meanwhile
        }
        catch (Exception ex)
        {
            ProcessingLog.ReleaseFailed(shared.Logger, subscription.BrokerQueue, ex.Message);
        }
    }
}
