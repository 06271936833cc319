using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Partitions;

/// <summary>
/// The one consumer of one partition in the cluster: an entity of Akka.Cluster.Sharding (a sharded daemon process per
/// partitioned queue), so each partition runs on exactly one worker and moves when workers join or leave.
/// <list type="number">
/// <item>Subscribes to the partition's broker queue with prefetch 1 and handles one event at a time, in queue order
/// (<c>ReceiveAsync</c>: the mailbox waits while the handler runs); acks only after the handler succeeded.</item>
/// <item>A failure holds the partition: the same event is tried again in place after the retry back-off (a timer, so
/// a hand-over can still come in meanwhile), and no later event of the partition, so none of its key, can overtake
/// it. After <c>max-retries</c> (or a <see cref="PermanentFailureException"/>, or an undecodable payload) it goes to
/// dead letters and the partition goes on.</item>
/// <item>Before it starts an event (new, or a retry of the one it holds) it asks the <see cref="PartitionGate"/> its
/// queue's partitions here share: the node's share of the rate limit, and the circuit breaker. When the gate says not
/// now, the partition holds the event, unacknowledged, and asks again at the gate's time (a timer) or word
/// (<see cref="GateOpened"/>); the mailbox stays open to hand-overs and pauses meanwhile. A failed circuit trial is
/// held again without counting an attempt.</item>
/// <item>Crashes count as on plain queues: the start and end of each handler run go to the node's
/// <see cref="HandlingJournal"/>, and a worker of this node that died in the event's handler counts an attempt, so an
/// event that kills its workers ends in dead letters (CrashLoop). A redelivery that no handler started (a delivery
/// still on its way when a hand-over or a pause released the subscription) counts nothing: the broker's delivery count
/// cannot tell the two apart. Failed attempts are counted in place, by the owner: one held for a retry when the
/// partition is paused goes on from its count when the pause ends; when the partition is handed over, its next holder
/// counts again from the envelope's attempts.</item>
/// <item>A pause or quiet mode of the queue on this node (<see cref="ApplyPause"/>, read again at every start): after
/// the event at hand the subscription is released (an event held for a retry goes back to the broker with it), and the
/// partition waits, still owned here, until the hold ends.</item>
/// <item><see cref="StopPartition"/> (hand-over): after the event at hand, the subscription is released before this
/// actor stops, so the next owner, which sharding starts only once this one has stopped, finds the unsettled event
/// back at the head of the queue. The queue is single-active-consumer besides, for the case sharding cannot see
/// (a node cut off but still running its consumer).</item>
/// </list>
/// </summary>
internal sealed partial class PartitionConsumer : ReceiveActor, IWithTimers
{
    private static int s_generations;
    private readonly PartitionRuntime _partition;
    private readonly CancellationTokenSource _lifetime = new();
    private ISubscription? _subscription;
    private int _generation;

    /// <summary>The event the partition holds while it waits to start it (again), and its attempts so far.</summary>
    private (Delivery Delivery, int Attempts)? _held;

    /// <summary>The event a pause gave back while it was held, and its attempts: its redelivery here goes on from them.</summary>
    private (string MessageId, int Attempts)? _gaveBack;

    public PartitionConsumer(PartitionRuntime partition)
    {
        _partition = partition;
        ReceiveAsync<SubscribePartition>(_ => SubscribeAsync());
        Receive<PartitionDelivery>(delivery => delivery.Generation != _generation, _ => { }); // a released subscription's: the broker has it back
        ReceiveAsync<PartitionDelivery>(delivery => StartAsync(delivery.Delivery, FirstAttempts(delivery.Delivery)));
        ReceiveAsync<RetryHeldEvent>(_ => StartHeldAsync());
        ReceiveAsync<GateOpened>(_ => Timers.IsTimerActive(RetryHeldEvent.Instance) ? Task.CompletedTask : StartHeldAsync()); // a timer's wait is not cut short
        ReceiveAsync<StopPartition>(_ => StopAsync("handed over"));
        ReceiveAsync<ApplyPause>(_ => ApplyHoldAsync(Sender));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private ProcessingContext Shared => _partition.Context;

    public static Props Props(PartitionRuntime partition) => Akka.Actor.Props.Create(() => new PartitionConsumer(partition));

    protected override void PreStart()
    {
        _gate = _partition.Here.Added(Self, _partition);
        Self.Tell(SubscribePartition.Instance);
    }

    /// <summary>A partition belongs to its queue, not to a site: holds are the queue's (<c>*/queue</c>).</summary>
    private string HoldKey => QueueRuntime.KeyOf(_partition.Queue, site: null);

    private bool Held => Shared.Holds(HoldKey);

    private void LogHeld() => PartitionLog.Held(Shared.Logger, _partition.Queue, _partition.Partition, Shared.HoldOf(HoldKey));

    protected override void PostStop()
    {
        _partition.Here.Removed(Self, _partition);
        _partition.Here.Stopped(_partition);
        _lifetime.Cancel();
        if (_subscription is { } subscription)
        {
            _subscription = null; // stopped without a hand-over (the node's end): the broker takes back what is unacked
            _ = subscription.DisposeAsync().AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private async Task SubscribeAsync()
    {
        if (_subscription is not null)
        {
            return;
        }

        if (Held)
        {
            _partition.Here.Started(_partition); // owned here, shown as held; the end of the hold subscribes
            LogHeld();
            return;
        }

        var generation = _generation = Interlocked.Increment(ref s_generations);
        var self = Self;
        try
        {
            _subscription = await Shared.Transport.SubscribeAsync(_partition.Spec, prefetch: 1, (delivery, _) =>
            {
                self.Tell(new PartitionDelivery(delivery, generation));
                return ValueTask.CompletedTask;
            });
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            PartitionLog.SubscribeFailed(Shared.Logger, _partition.Queue, _partition.Partition, _partition.Spec.BrokerQueue, ex.Message);
            throw; // sharding's supervision restarts the entity
        }

        _partition.Here.Started(_partition);
        PartitionLog.Started(Shared.Logger, _partition.Queue, _partition.Partition, _partition.Spec.BrokerQueue);
    }

    /// <summary>
    /// Attempts before this delivery: the envelope's, plus one for each time a worker of this node died in its handler;
    /// or those it had when a pause gave it back, if more.
    /// </summary>
    private int FirstAttempts(Delivery delivery)
    {
        var envelope = delivery.Envelope;
        var attempts = envelope.Attempts + Shared.Outcomes.Journal.CrashesOf(envelope.MessageId);
        if (_gaveBack is { } gaveBack && gaveBack.MessageId == envelope.MessageId)
        {
            attempts = Math.Max(attempts, gaveBack.Attempts);
        }

        _gaveBack = null;
        return attempts;
    }

    /// <summary>Runs the handler on the event and settles it; false when the handler failed.</summary>
    private async Task<bool> RunAsync(Delivery delivery, int attempts, bool trial)
    {
        var envelope = delivery.Envelope;
        var brokerQueue = _partition.Spec.BrokerQueue;
        var outcomes = Shared.Outcomes;
        if (attempts > outcomes.MaxRetries)
        {
            var died = new WorkerDiedException($"Message {envelope.MessageId} was being handled when its worker died (attempts {attempts}); it is not handled again.");
            await outcomes.DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.CrashLoop, attempts, died);
            return true;
        }

        if (!_partition.Invoker.TryDecode(envelope, out var decoded, out var undecodable))
        {
            await outcomes.DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.Undecodable, attempts, undecodable);
            return true;
        }

        string[] handling = [envelope.MessageId];
        outcomes.Journal.Started(handling); // before the handler: how a crash is known
        var counters = Shared.Counters.For(brokerQueue);
        counters.AddInFlight(1);
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            await InvokeAsync(new DecodedEvent(decoded!, ContextOf(envelope, attempts)));
        }
        catch (Exception error) when (!_lifetime.IsCancellationRequested)
        {
            failure = error;
        }
        finally
        {
            outcomes.Journal.Ended(handling); // before any settling; also when this node's end stopped it: no worker died
        }

        counters.AddInFlight(-1);
        if (failure is not null)
        {
            counters.AddFailed(1);
            QueueActorsMetrics.Failed(envelope.Site, _partition.Queue);
            Shared.ErrorLog?.Failed(_partition.Queue, envelope.Site, envelope, failure);
            if (trial)
            {
                _held = (delivery, attempts); // a trial's failure counts no attempt (as a queue supervisor's re-publishes it unchanged)
            }
            else
            {
                await FailedAsync(delivery, attempts + 1, failure);
            }

            return false;
        }

        await delivery.AckAsync();
        var duration = Stopwatch.GetElapsedTime(started);
        counters.AddHandled(1);
        counters.Finished(1, duration, Shared.Time.GetUtcNow().UtcTicks);
        QueueActorsMetrics.Handled(envelope.Site, _partition.Queue);
        if (Shared.Observers.Any)
        {
            Shared.Observers.Handled(new HandledEvent(envelope, duration));
        }

        return true;
    }

    private async Task FailedAsync(Delivery delivery, int attempts, Exception error)
    {
        var envelope = delivery.Envelope;
        if (attempts > Shared.Outcomes.MaxRetries || error is PermanentFailureException)
        {
            var reason = error is PermanentFailureException ? DeadLetterReason.Rejected : DeadLetterReason.RetriesExhausted;
            await Shared.Outcomes.DeadLetterAsync(delivery, _partition.Spec.BrokerQueue, reason, attempts, error);
            return;
        }

        var delay = Shared.Settings.RetryBackoff.DelayFor(attempts);
        PartitionLog.Retrying(Shared.Logger, envelope.MessageId, _partition.Queue, _partition.Partition, attempts, Shared.Outcomes.MaxRetries + 1, delay, error.Message);
        QueueActorsMetrics.Retried(envelope.Site, _partition.Queue);
        Shared.Observers.Retried(new RetriedEvent(envelope with { Attempts = attempts }, attempts, delay, error));
        _held = (delivery, attempts);
        Timers.StartSingleTimer(RetryHeldEvent.Instance, RetryHeldEvent.Instance, delay);
    }

    /// <summary>The handler, in a DI scope of its own, under the queue's per-event timeout.</summary>
    private async Task InvokeAsync(DecodedEvent decoded)
    {
        await using var scope = Shared.Services.CreateAsyncScope();
        var handler = _partition.Invoker.CreateHandler(scope.ServiceProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        deadline.CancelAfter(_partition.Settings.Timeout);
        try
        {
            // A handler that ignores its token is left behind at the deadline; the event counts as failed.
            await _partition.Invoker.InvokeAsync(handler, [decoded], deadline.Token).AsTask().WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !_lifetime.IsCancellationRequested)
        {
            throw new TimeoutException($"The handler of queue {_partition.Queue} took longer than {_partition.Settings.Timeout}.", ex);
        }
    }

    /// <summary>
    /// Hand-over: the event at hand is done (this turn comes after it); one held for a retry goes back to the broker
    /// with the subscription. Released before the actor stops, so the partition's next owner starts on a queue nobody
    /// else consumes.
    /// </summary>
    private async Task StopAsync(string reason)
    {
        Timers.CancelAll();
        _held = null;
        if (_subscription is { } subscription)
        {
            _subscription = null;
            _generation = 0;
            await ReleaseAsync(subscription);
        }

        PartitionLog.Stopped(Shared.Logger, _partition.Queue, _partition.Partition, reason);
        Context.Stop(Self);
    }

    /// <summary>Follows a pause or quiet mode begun or ended (this turn comes after the event at hand), then says so.</summary>
    private async Task ApplyHoldAsync(IActorRef requester)
    {
        if (Held && _subscription is { } subscription)
        {
            Timers.CancelAll();
            _gaveBack = _held is { } held ? (held.Delivery.Envelope.MessageId, held.Attempts) : null;
            _held = null; // goes back to the broker with the subscription, at the head of the partition
            _subscription = null;
            _generation = 0;
            await ReleaseAsync(subscription);
            LogHeld();
        }
        else if (!Held)
        {
            await SubscribeAsync();
        }

        requester.Tell(PauseApplied.Instance, Self);
    }

    private async Task ReleaseAsync(ISubscription subscription)
    {
        try
        {
            await subscription.DisposeAsync();
        }
        catch (Exception ex)
        {
            ProcessingLog.ReleaseFailed(Shared.Logger, subscription.BrokerQueue, ex.Message);
        }
    }

    private HandlerContext ContextOf(Messaging.Envelope envelope, int attempts) => new()
    {
        Site = envelope.Site,
        Queue = _partition.Queue,
        MessageId = envelope.MessageId,
        Attempts = attempts,
        EnqueuedAt = envelope.EnqueuedAt,
        Headers = envelope.Headers ?? new Dictionary<string, string>(),
    };
}
