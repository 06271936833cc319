using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// What becomes of an event that did not simply succeed. Each path settles the delivery only after the
/// event is safe elsewhere:
/// <list type="number">
/// <item>Failed: re-published with <c>attempts+1</c>, delayed by the broker (<see cref="RetryBackoff"/>),
/// then acked; past <c>max-retries</c> it goes to dead letters instead.</item>
/// <item>Crashed (a worker of this node died while its handler ran, as the <see cref="HandlingJournal"/>
/// knows): its crashes are folded into the attempts the same way, so a message that kills workers ends in
/// dead letters (reason CrashLoop). A redelivery that never reached a handler (prefetched when the worker
/// died) is an ordinary delivery: the broker's delivery count is not taken as a crash count.</item>
/// <item>A stale copy (its retry copy was published, or it is in dead letters, before a death kept the ack
/// from the broker): acked and dropped, so one event stays one sequence of attempts.</item>
/// <item>Dead letters: a JSON file and a record on the dead-letter queue; acked once at least one holds it.</item>
/// <item>Handed back unstarted at shutdown: re-published as it was (not counted as a failure), then acked.</item>
/// </list>
/// When a publish fails the delivery is rejected with requeue: the event is never dropped.
/// </summary>
internal sealed partial class EventOutcomes(ITransport transport, ProcessingSettings settings, QueueTopology topology, DeadLetterFiles files, HandlingJournal journal, ProcessingObservers observers, QueueCountersBook counters, TimeProvider time, ILogger logger, string node)
{
    public int MaxRetries => settings.MaxRetries;

    /// <summary>The journal of handler starts and outcomes (see <see cref="HandlingJournal"/>).</summary>
    public HandlingJournal Journal => journal;

    /// <summary>The handler failed on the event; <paramref name="countAttempt"/> is false for a circuit trial.</summary>
    public async ValueTask FailedAsync(Delivery delivery, string brokerQueue, Exception error, bool countAttempt)
    {
        var envelope = delivery.Envelope;
        if (!countAttempt)
        {
            journal.Ended([envelope.MessageId]);
            await RepublishAsync(delivery, brokerQueue, envelope, TimeSpan.Zero).ConfigureAwait(false);
            return;
        }

        var attempts = envelope.Attempts + 1;
        if (attempts > settings.MaxRetries || error is PermanentFailureException)
        {
            var reason = error is PermanentFailureException ? DeadLetterReason.Rejected : DeadLetterReason.RetriesExhausted;
            await DeadLetterAsync(delivery, brokerQueue, reason, attempts, error).ConfigureAwait(false);
            return;
        }

        var delay = settings.RetryBackoff.DelayFor(attempts);
        ProcessingLog.Retrying(logger, envelope.MessageId, envelope.Queue, envelope.Site, attempts, settings.MaxRetries + 1, delay, error.Message);
        if (await PublishRetryAsync(delivery, brokerQueue, attempts, delay).ConfigureAwait(false))
        {
            QueueActorsMetrics.Retried(envelope.Site, envelope.Queue);
            observers.Retried(new RetriedEvent(envelope, attempts, delay, error));
        }
    }

    /// <summary>
    /// Before a delivery is handled: drops a stale copy, publishes again a retry whose publish a death left
    /// unconfirmed, and folds the crashes of this node's workers into the attempts (retry later, or dead
    /// letters). Returns false for a delivery to handle.
    /// </summary>
    public async ValueTask<bool> SettleByJournalAsync(Delivery delivery, string brokerQueue)
    {
        var envelope = delivery.Envelope;
        switch (journal.Judge(envelope.MessageId, envelope.Attempts, TokenOf(envelope), out var retryAttempts))
        {
            case JournalVerdict.Stale:
                CrashLog.StaleCopyDropped(logger, envelope.MessageId, envelope.Queue);
                await delivery.AckAsync().ConfigureAwait(false);
                return true;
            case JournalVerdict.RedoRetry:
                await PublishRetryAsync(delivery, brokerQueue, retryAttempts, settings.RetryBackoff.DelayFor(retryAttempts)).ConfigureAwait(false);
                return true;
        }

        var crashes = journal.CrashesOf(envelope.MessageId);
        if (crashes == 0)
        {
            return false; // never in a handler of this node when a worker died: an ordinary attempt
        }

        var attempts = envelope.Attempts + crashes;
        if (attempts > settings.MaxRetries)
        {
            var error = new WorkerDiedException($"Message {envelope.MessageId} was being handled when its worker died {crashes} times (attempts {attempts}); it is not handled again.");
            await DeadLetterAsync(delivery, brokerQueue, DeadLetterReason.CrashLoop, attempts, error).ConfigureAwait(false);
            return true;
        }

        var delay = settings.RetryBackoff.DelayFor(attempts);
        ProcessingLog.Redelivered(logger, envelope.MessageId, envelope.Queue, envelope.Site, delivery.DeliveryCount, attempts, delay);
        if (await PublishRetryAsync(delivery, brokerQueue, attempts, delay).ConfigureAwait(false))
        {
            QueueActorsMetrics.Retried(envelope.Site, envelope.Queue);
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
}
