using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>Publishing an event again: a counted retry (a new copy with a token) or the event unchanged.</summary>
internal sealed partial class EventOutcomes
{
    /// <summary>
    /// Publishes the retry copy with <paramref name="attempts"/> after <paramref name="delay"/>, then acks the
    /// delivery. The journal says "publishing copy <c>token</c>" before and "confirmed" after, both before the
    /// ack, so that a death anywhere in between leaves one sequence: the original, when it comes back, is
    /// dropped (confirmed) or publishes the retry again (unconfirmed, and the lost copy is then stale).
    /// </summary>
    private async ValueTask<bool> PublishRetryAsync(Delivery delivery, string brokerQueue, int attempts, TimeSpan delay)
    {
        var envelope = delivery.Envelope;
        var token = MessageIds.New()[..16];
        var retry = envelope with { Attempts = attempts, FirstFailedAt = envelope.FirstFailedAt ?? time.GetUtcNow(), Headers = WithToken(envelope.Headers, token) };
        journal.RetryPublishing(envelope.MessageId, attempts, token);
        if (!await TryPublishAsync(delivery, brokerQueue, retry, delay).ConfigureAwait(false))
        {
            return false; // rejected with requeue; when it comes back, the unconfirmed retry is published again
        }

        journal.RetryPublished(envelope.MessageId, attempts, token);
        await delivery.AckAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Re-publishes <paramref name="envelope"/> unchanged (its token too), then acks; on failure rejects with requeue.</summary>
    private async ValueTask<bool> RepublishAsync(Delivery delivery, string brokerQueue, Envelope envelope, TimeSpan delay)
    {
        if (!await TryPublishAsync(delivery, brokerQueue, envelope, delay).ConfigureAwait(false))
        {
            return false;
        }

        await delivery.AckAsync().ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> TryPublishAsync(Delivery delivery, string brokerQueue, Envelope envelope, TimeSpan delay)
    {
        try
        {
            await transport.PublishDelayedAsync(brokerQueue, envelope, delay).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException or OperationCanceledException)
        {
            ProcessingLog.RetryPublishFailed(logger, envelope.MessageId, envelope.Queue, ex.Message);
            await delivery.RejectAsync(requeue: true).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>The retry token of a copy; null for an event as its producer published it.</summary>
    public static string? TokenOf(Envelope envelope) =>
        envelope.Headers is { } headers && headers.TryGetValue(HandlingJournal.TokenHeader, out var token) ? token : null;

    private static Dictionary<string, string> WithToken(IReadOnlyDictionary<string, string>? headers, string token)
    {
        var copy = headers is null ? new Dictionary<string, string>(1, StringComparer.Ordinal) : new Dictionary<string, string>(headers, StringComparer.Ordinal);
        copy[HandlingJournal.TokenHeader] = token;
        return copy;
    }
}
