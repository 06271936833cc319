using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// What becomes of an event that did not simply succeed. Each path settles the delivery only after the
/// event is safe elsewhere:
/// <list type="number">
/// <item>Failed: re-published with <c>attempts+1</c>, delayed by the broker (<see cref="RetryBackoff"/>),
/// then acked; past <c>max-retries</c> it goes to dead letters instead.</item>
/// <item>Redelivered (its worker died before the ack): the deaths the broker counted are folded into the
/// attempts the same way, so a message that kills workers ends in dead letters (reason CrashLoop) and a
/// classic queue, whose broker only flags a redelivery, counts as exactly as a quorum queue.</item>
/// <item>Dead letters: a JSON file and a record on the dead-letter queue; acked once at least one holds it.</item>
/// <item>Handed back unstarted at shutdown: re-published as it was (not counted as a failure), then acked.</item>
/// </list>
/// When a publish fails the delivery is rejected with requeue: the event is never dropped.
/// </summary>
internal sealed partial class EventOutcomes(ITransport transport, ProcessingSettings settings, QueueTopology topology, DeadLetterFiles files, ProcessingObservers observers, QueueCountersBook counters, TimeProvider time, ILogger logger, string node)
{
    public int MaxRetries => settings.MaxRetries;

    /// <summary>The handler failed on the event; <paramref name="countAttempt"/> is false for a circuit trial.</summary>
    public async ValueTask FailedAsync(Delivery delivery, string brokerQueue, Exception error, bool countAttempt)
    {
        var envelope = delivery.Envelope;
        if (!countAttempt)
        {
            await RepublishAsync(delivery, brokerQueue, envelope, TimeSpan.Zero).ConfigureAwait(false);
            return;
        }

        var attempts = envelope.Attempts + 1;
        if (attempts > settings.MaxRetries)
        {
            await DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.RetriesExhausted, attempts, error).ConfigureAwait(false);
            return;
        }

        var delay = settings.RetryBackoff.DelayFor(attempts);
        ProcessingLog.Retrying(logger, envelope.MessageId, envelope.Queue, envelope.Site, attempts, settings.MaxRetries + 1, delay, error.Message);
        var retry = envelope with { Attempts = attempts, FirstFailedAt = envelope.FirstFailedAt ?? time.GetUtcNow() };
        if (await RepublishAsync(delivery, brokerQueue, retry, delay).ConfigureAwait(false))
        {
            observers.Retried(new RetriedEvent(envelope, attempts, delay, error));
        }
    }

    /// <summary>
    /// A redelivery: folds the broker's count into the attempts (retry later, or dead letters). Returns
    /// false for a first delivery, which the caller handles.
    /// </summary>
    public async ValueTask<bool> TakeRedeliveryAsync(Delivery delivery, string brokerQueue)
    {
        if (delivery.DeliveryCount <= 1)
        {
            return false;
        }

        var envelope = delivery.Envelope;
        var attempts = envelope.Attempts + delivery.DeliveryCount - 1;
        if (attempts > settings.MaxRetries)
        {
            var error = new WorkerDiedException($"Message {envelope.MessageId} was delivered {delivery.DeliveryCount} times without an acknowledgement: the worker handling it died each time.");
            await DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.CrashLoop, attempts, error).ConfigureAwait(false);
            return true;
        }

        var delay = settings.RetryBackoff.DelayFor(attempts);
        ProcessingLog.Redelivered(logger, envelope.MessageId, envelope.Queue, envelope.Site, delivery.DeliveryCount, attempts, delay);
        var retry = envelope with { Attempts = attempts, FirstFailedAt = envelope.FirstFailedAt ?? time.GetUtcNow() };
        if (await RepublishAsync(delivery, brokerQueue, retry, delay).ConfigureAwait(false))
        {
            observers.Retried(new RetriedEvent(envelope, attempts, delay, null));
        }

        return true;
    }

    /// <summary>Shutdown: an event no handler started goes back to the queue as it was.</summary>
    public async ValueTask HandBackAsync(Delivery delivery, string brokerQueue)
    {
        if (!delivery.IsSettled)
        {
            await RepublishAsync(delivery, brokerQueue, delivery.Envelope, TimeSpan.Zero).ConfigureAwait(false);
        }
    }

    /// <summary>Re-publishes <paramref name="envelope"/> (after <paramref name="delay"/>), then acks; on failure rejects with requeue.</summary>
    private async ValueTask<bool> RepublishAsync(Delivery delivery, string brokerQueue, Envelope envelope, TimeSpan delay)
    {
        try
        {
            await transport.PublishDelayedAsync(brokerQueue, envelope, delay).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException or OperationCanceledException)
        {
            ProcessingLog.RetryPublishFailed(logger, envelope.MessageId, envelope.Queue, ex.Message);
            await delivery.RejectAsync(requeue: true).ConfigureAwait(false);
            return false;
        }

        await delivery.AckAsync().ConfigureAwait(false);
        return true;
    }
}
