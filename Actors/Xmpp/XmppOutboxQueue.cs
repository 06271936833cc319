using System.Text.Json;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// The broker queue between handlers and the XMPP output: its spec (single active consumer, so one node in the
/// cluster holds the connection) and how a stanza travels in an envelope (site and id in the envelope, the rest
/// as JSON in the body).
/// </summary>
public static class XmppOutboxQueue
{
    /// <summary>The logical queue name in envelopes.</summary>
    public const string LogicalQueue = "xmpp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static QueueSpec Spec(XmppSettings settings) => new(settings.OutboxQueue, settings.OutboxDurable)
    {
        SingleActiveConsumer = true,
        DeadLetterQueue = settings.OutboxQueue + ".dead",
    };

    public static Envelope ToEnvelope(XmppStanza stanza, DateTimeOffset now) => new()
    {
        MessageId = stanza.Id,
        Site = stanza.Site,
        Queue = LogicalQueue,
        EnqueuedAt = now,
        Body = JsonSerializer.SerializeToUtf8Bytes(new Payload(stanza.To, stanza.Body, stanza.Type, stanza.Subject), Json),
    };

    /// <summary>The stanza in the envelope, or null with the reason it cannot be one.</summary>
    public static XmppStanza? FromEnvelope(Envelope envelope, out string? problem)
    {
        problem = null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(envelope.Body.Span, Json);
        }
        catch (JsonException ex)
        {
            problem = "the body is not a stanza's JSON: " + ex.Message;
            return null;
        }

        if (payload?.To is null || payload.Body is null)
        {
            problem = "the body lacks \"to\" or \"body\"";
            return null;
        }

        return new XmppStanza(envelope.MessageId, envelope.Site, payload.To, payload.Body) { Type = payload.Type ?? "chat", Subject = payload.Subject };
    }

    private sealed record Payload(string? To, string? Body, string? Type, string? Subject);
}
