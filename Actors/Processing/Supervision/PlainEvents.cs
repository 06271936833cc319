using System.Text.Json;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Events from producers that are not QueueActors (Zulip's <c>queue_json_publish</c>, pika, amqplib, a shell
/// tool): a plain body on <c>qa.&lt;queue&gt;</c>, without the AMQP <c>type</c> QueueActors sets, so no site
/// and, for the queue, only the routing key (the broker queue's name). The queue supervisor rereads each
/// delivery before a handler sees it:
/// <list type="number">
/// <item>the logical queue is the one this supervisor runs;</item>
/// <item>the site is the breakout queue's site, else the body's <see cref="QueueSettings.SiteField"/>, else
/// <see cref="QueueSettings.DefaultSite"/>; with none the event stays without a site, and the handler actor
/// dead-letters it (<see cref="NoSiteError"/> says how to name one);</item>
/// <item>the message id (AMQP <c>message-id</c>, or one made up) and the attempts (our header, or the broker's
/// delivery count on a redelivery) come from the transport as for any event.</item>
/// </list>
/// Once retried, the event travels with our <c>type</c>, so a retry copy needs no second reading.
/// </summary>
internal static class PlainEvents
{
    public static void Reread(Delivery delivery, QueueRuntime queue)
    {
        var envelope = delivery.Envelope;
        var hasSite = QueueNames.IsValidSite(envelope.Site);
        if (hasSite && QueueNames.IsValidQueue(envelope.Queue))
        {
            return; // published by QueueActors
        }

        var site = hasSite ? envelope.Site : queue.Site ?? SiteFromBody(envelope, queue.Settings.SiteField) ?? queue.Settings.DefaultSite ?? envelope.Site;
        delivery.Reread(envelope with { Site = site, Queue = queue.Queue });
    }

    /// <summary>Why an event without a site cannot be handled, and what would name its site.</summary>
    /// <remarks>What to do comes first: <c>dead list</c> shows the first 80 characters.</remarks>
    public static InvalidPayloadException NoSiteError(Envelope envelope, string queue) => new(
        $"No site: set queueactors.processing.queue-overrides.{queue}.default-site (or site-field to read it from the JSON body); "
        + $"message {envelope.MessageId} carries no site (not published by QueueActors?) and its queue assumes no site.");

    private static string? SiteFromBody(Envelope envelope, string? field)
    {
        if (field is null)
        {
            return null;
        }

        try
        {
            using var body = JsonDocument.Parse(envelope.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String
                && QueueNames.IsValidSite(value.GetString())
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // not JSON: the default site, if any, and the handler's decoding says the rest
        }
    }
}
