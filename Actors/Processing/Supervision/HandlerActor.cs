using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// One worker of a queue: a handler instance (from a DI scope of its own) and one piece of work at a time.
/// <list type="number">
/// <item>Start and every restart: a fresh scope and handler, then <see cref="HandlerReady"/> to the queue
/// supervisor.</item>
/// <item>Work: stale copies are dropped and crashed events folded into attempts (never handed to the
/// handler), undecodable payloads go straight to dead letters, the rest go to the handler under the
/// per-event timeout, with their start in the handling journal first.</item>
/// <item>Success: each event is acked, then <see cref="WorkDone"/>. Failure: each event is retried or
/// dead-lettered, <see cref="WorkDone"/> says so, and the exception is rethrown so the supervisor
/// restarts this actor with fresh state.</item>
/// </list>
/// One piece of work at a time comes from the queue supervisor's protocol: it hands a handler <see cref="Work"/>
/// only while the handler is idle, that is after its <see cref="WorkDone"/> (or <see cref="HandlerReady"/>).
/// So a turn that awaits does not suspend the mailbox (no <c>ReceiveAsync</c>/<c>ActorTaskScheduler.RunTask</c>):
/// the thread that completes the turn tells <see cref="WorkDone"/> and the supervisor hands out the next work at
/// once, with no mailbox resume (two system messages and a hop) in between. A turn that fails after an await
/// comes back as <see cref="TurnFailed"/> and fails this actor there, so the supervisor still restarts it. The
/// turn's code after an await runs on the thread pool, so that handlers' own awaits never wait in this actor's
/// mailbox; it uses only what <see cref="PreStart"/> captured.
/// </summary>
internal sealed class HandlerActor : ReceiveActor
{
    private readonly QueueRuntime _queue;
    private readonly ProcessingContext _shared;

    /// <summary>Cancelled when this incarnation stops (Akka runs PostStop at once, even while a turn awaits).</summary>
    private readonly CancellationTokenSource _lifetime = new();
    private IActorRef _self = ActorRefs.Nobody;
    private IActorRef _parent = ActorRefs.Nobody;
    private AsyncServiceScope? _scope;
    private object? _handler;
    private CancellationTokenSource? _deadline;
    private CancellationTokenRegistration _stopping;

    /// <summary>The turn that went asynchronous, if any: what it uses is released only once it has ended.</summary>
    private Task? _turn;

    /// <summary>
    /// The current turn's decoded events, reused from turn to turn (one turn at a time, and a turn is done with it
    /// before it tells <see cref="WorkDone"/>): no list per event.
    /// </summary>
    private readonly List<(Delivery Delivery, DecodedEvent Event)> _ready = [];

    /// <summary>The one-element array a single-event handler's invoker gets, turn after turn.</summary>
    private readonly DecodedEvent[] _one = new DecodedEvent[1];

    /// <summary>1 from <see cref="Work"/> until the turn tells <see cref="WorkDone"/>: checks the one-at-a-time protocol.</summary>
    private int _working;

    public HandlerActor(QueueRuntime queue)
    {
        _queue = queue;
        _shared = _queue.Context;
        Receive<Work>(OnWork);
        Receive<TurnFailed>(failed => ExceptionDispatchInfo.Throw(failed.Error)); // the supervisor restarts this actor
    }

    protected override void PreStart()
    {
        _self = Self;
        _parent = Context.Parent;
        _scope = _shared.Services.CreateAsyncScope();
        _handler = _queue.Invoker.CreateHandler(_scope.Value.ServiceProvider);
        _parent.Tell(HandlerReady.Instance, _self);
    }

    protected override void PostStop()
    {
        _lifetime.Cancel();
        if (_turn is { IsCompleted: false } turn)
        {
            // Stopped mid-turn (the handler's token is cancelled now): its scope stays until the handler has ended.
            _ = turn.ContinueWith(static (_, actor) => ((HandlerActor)actor!).Release(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        Release();
    }

    private void Release()
    {
        _stopping.Dispose();
        _deadline?.Dispose();
        if (_scope is not { } scope)
        {
            return;
        }

        var disposing = scope.DisposeAsync();
        if (!disposing.IsCompletedSuccessfully)
        {
            // A scope with async-only services: let it finish on its own, and say if it fails.
            _ = ObserveAsync(disposing.AsTask(), _queue.Queue, _shared);
        }
    }

    private void OnWork(Work work)
    {
        if (Interlocked.Exchange(ref _working, 1) != 0)
        {
            throw new InvalidOperationException($"A handler of queue {_queue.Queue} got work while at work: the supervisor hands out one piece at a time.");
        }

        var turn = RunAsync(work);
        if (turn.IsCompleted)
        {
            turn.GetAwaiter().GetResult(); // a failure fails this actor: its supervisor restarts it
            return;
        }

        var running = _turn = turn.AsTask();
        _ = running.ContinueWith(
            static (task, state) =>
            {
                var actor = (HandlerActor)state!;
                if (!actor._lifetime.IsCancellationRequested)
                {
                    actor._self.Tell(new TurnFailed(task.Exception!.InnerException!), actor._self);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The turn is over for the supervisor: the next <see cref="Work"/> may come from now on.</summary>
    private void Done(bool succeeded, bool trial)
    {
        Volatile.Write(ref _working, 0);
        _parent.Tell(WorkDone.Of(succeeded, trial), _self);
    }

    private async ValueTask RunAsync(Work work)
    {
        var outcomes = _shared.Outcomes;
        var brokerQueue = _queue.Spec.BrokerQueue;
        var ready = _ready;
        ready.Clear();
        for (var i = 0; i < work.Deliveries.Count; i++)
        {
            var delivery = work.Deliveries[i];
            if (await outcomes.SettleByJournalAsync(delivery, brokerQueue).ConfigureAwait(false))
            {
                continue;
            }

            var envelope = delivery.Envelope;
            Exception? error;
            if (!Messaging.QueueNames.IsValidSite(envelope.Site))
            {
                error = PlainEvents.NoSiteError(envelope, _queue.Queue);
            }
            else if (_queue.Invoker.TryDecode(envelope, out var decoded, out error))
            {
                ready.Add((delivery, new DecodedEvent(decoded!, ContextOf(envelope))));
                continue;
            }

            await outcomes.DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.Undecodable, envelope.Attempts, error).ConfigureAwait(false);
        }

        if (ready.Count == 0)
        {
            Done(succeeded: true, work.Trial);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            outcomes.Journal.Started(ready, static r => r.Delivery.Envelope.MessageId); // before the handler: how a crash is known
            await InvokeAsync(ready).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_lifetime.Token.IsCancellationRequested)
        {
            _queue.Counters.AddFailed(ready.Count);
            var failedAfter = Stopwatch.GetElapsedTime(started);
            _queue.Counters.Finished(ready.Count, failedAfter, _shared.Time.GetUtcNow().UtcTicks);
            RecordMetrics(ready, failedAfter, succeeded: false);
            foreach (var (delivery, _) in ready)
            {
                _shared.ErrorLog?.Failed(_queue.Queue, _queue.Site, delivery.Envelope, ex);
                await outcomes.FailedAsync(delivery, brokerQueue, ex, countAttempt: !work.Trial).ConfigureAwait(false);
            }

            _parent.Tell(WorkDone.Of(succeeded: false, work.Trial), _self); // no more work until the restart's HandlerReady
            throw; // the supervisor restarts this actor: a fresh handler for the next event
        }

        var duration = Stopwatch.GetElapsedTime(started);
        outcomes.Journal.Ended(ready, static r => r.Delivery.Envelope.MessageId);
        foreach (var (delivery, _) in ready)
        {
            await delivery.AckAsync().ConfigureAwait(false);
        }

        // Counted before observers hear of it, so one that reads the queue's status then sees its event counted.
        _queue.Counters.AddHandled(ready.Count);
        _queue.Counters.Finished(ready.Count, duration, _shared.Time.GetUtcNow().UtcTicks);
        RecordMetrics(ready, duration, succeeded: true);
        if (_shared.Observers.Any)
        {
            foreach (var (delivery, _) in ready)
            {
                _shared.Observers.Handled(new HandledEvent(delivery.Envelope, duration));
            }
        }

        Done(succeeded: true, work.Trial);
    }

    // Per event, tagged with its own site (a shared queue carries many); the call's duration once, per queue.
    private void RecordMetrics(List<(Delivery Delivery, DecodedEvent Event)> ready, TimeSpan duration, bool succeeded)
    {
        foreach (var (delivery, _) in ready)
        {
            if (succeeded)
            {
                QueueActorsMetrics.Handled(delivery.Envelope.Site, _queue.Queue);
            }
            else
            {
                QueueActorsMetrics.Failed(delivery.Envelope.Site, _queue.Queue);
            }
        }

        QueueActorsMetrics.HandlerCall(_queue.Queue, duration);
    }

    private async ValueTask InvokeAsync(List<(Delivery Delivery, DecodedEvent Event)> ready)
    {
        // A single-event handler's invoker reads its event before anything awaits: the same one-element array serves
        // every turn. A batch handler gets a list of its own, which it may keep.
        IReadOnlyList<DecodedEvent> events = _queue.Invoker.IsBatch ? ready.ConvertAll(r => r.Event) : One(ready[0].Event);
        var timeout = _queue.Settings.Timeout;
        var deadline = Deadline();
        deadline.CancelAfter(timeout);
        var handling = _queue.Invoker.InvokeAsync(_handler!, events, deadline.Token);
        if (!handling.IsCompletedSuccessfully)
        {
            var running = handling.AsTask();
            try
            {
                // A handler that ignores its token is abandoned at the deadline (its result no longer counts).
                await running.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !_lifetime.Token.IsCancellationRequested)
            {
                if (!running.IsCompleted)
                {
                    Abandon(running, events.Count);
                }

                throw new TimeoutException($"The handler of queue {_queue.Queue} took longer than {timeout}.", ex);
            }
        }

        if (!deadline.TryReset())
        {
            throw new TimeoutException($"The handler of queue {_queue.Queue} took longer than {timeout}.");
        }
    }

    /// <summary>
    /// The handler's code runs on past its deadline: the queue supervisor counts it until it really ends
    /// (see <c>QueueSupervisor.Abandoned</c>); told before <see cref="WorkDone"/>, so no new work takes its slot.
    /// </summary>
    private void Abandon(Task running, int events)
    {
        var parent = _parent;
        parent.Tell(new HandlerAbandoned(events), _self);
        _ = running.ContinueWith(
            static (task, state) =>
            {
                _ = task.Exception; // observed: the abandoned code's failure no longer counts
                var (parent, events) = ((IActorRef, int))state!;
                parent.Tell(new AbandonedHandlerEnded(events));
            },
            (parent, events),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private DecodedEvent[] One(DecodedEvent decoded)
    {
        _one[0] = decoded;
        return _one;
    }

    /// <summary>
    /// One deadline per actor incarnation, re-armed for each event (no timer is made per event); it also fires
    /// when the actor stops. A deadline that fired fails the actor, and the restart makes a new one.
    /// </summary>
    private CancellationTokenSource Deadline()
    {
        if (_deadline is null)
        {
            _deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _shared.Time);
            _stopping = _lifetime.Token.Register(static d => ((CancellationTokenSource)d!).Cancel(), _deadline);
        }

        return _deadline;
    }

    private HandlerContext ContextOf(Messaging.Envelope envelope) => new()
    {
        Site = envelope.Site,
        Queue = _queue.Queue,
        MessageId = envelope.MessageId,
        Attempts = envelope.Attempts,
        EnqueuedAt = envelope.EnqueuedAt,
        Headers = HeadersOf(envelope),
    };

    /// <summary>The event's headers without the retry token (ours, not the producer's).</summary>
    private static IReadOnlyDictionary<string, string> HeadersOf(Messaging.Envelope envelope)
    {
        if (envelope.Headers is not { } headers)
        {
            return EmptyHeaders;
        }

        return headers.ContainsKey(Crashes.HandlingJournal.TokenHeader)
            ? headers.Where(h => h.Key != Crashes.HandlingJournal.TokenHeader).ToDictionary(StringComparer.Ordinal)
            : headers;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    private static async Task ObserveAsync(Task disposing, string queueName, ProcessingContext shared)
    {
        try
        {
            await disposing.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ProcessingLog.ScopeDisposeFailed(shared.Logger, queueName, ex.Message);
        }
    }
}
