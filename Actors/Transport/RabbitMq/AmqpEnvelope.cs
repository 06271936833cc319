using System.Globalization;
using System.Text;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Envelope ↔ AMQP message. The body is the payload; message id, content type and timestamp are AMQP
/// properties; site, logical queue, attempts and the enqueue time in milliseconds are <c>qa-*</c> headers;
/// application headers travel as string headers. Decoding never throws: a message from another producer
/// (a plain JSON body from pika or amqplib) gets what can be read: its AMQP message-id or a made-up one, no
/// site, the routing key as queue, attempts 0 (the broker's delivery count says how often it came back). The
/// queue domain fills in the site its queue assumes (<c>Processing.Supervision.PlainEvents</c>) and
/// dead-letters what it still cannot use.
/// </summary>
internal static class AmqpEnvelope
{
    public const string SiteHeader = "qa-site";
    public const string QueueHeader = "qa-queue";
    public const string AttemptsHeader = "qa-attempts";
    public const string EnqueuedAtHeader = "qa-enqueued-at";
    public const string FirstFailedAtHeader = "qa-first-failed-at";
    public const string DeliveryCountHeader = "x-delivery-count";

    public static BasicProperties ToProperties(Envelope envelope, bool persistent)
    {
        // Sized for every entry up front, the client's publish sequence number header included: no resize per publish.
        var capacity = 4 + (envelope.Attempts > 0 ? 1 : 0) + (envelope.FirstFailedAt is null ? 0 : 1) + (envelope.Headers?.Count ?? 0);
        var properties = new BasicProperties { Headers = new Dictionary<string, object?>(capacity, StringComparer.Ordinal) };
        Fill(properties, envelope, persistent);
        return properties;
    }

    /// <summary>
    /// Sets every property this mapping uses on <paramref name="properties"/>, whose <c>Headers</c> table is emptied
    /// and refilled: <see cref="PublishProperties"/> reuses one from publish to publish.
    /// </summary>
    public static void Fill(BasicProperties properties, Envelope envelope, bool persistent)
    {
        var headers = properties.Headers ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        headers.Clear();
        if (envelope.Headers is not null)
        {
            foreach (var (name, value) in envelope.Headers)
            {
                if (!IsReserved(name))
                {
                    headers[name] = value;
                }
            }
        }

        headers[SiteHeader] = envelope.Site;
        headers[QueueHeader] = envelope.Queue;
        if (envelope.Attempts > 0)
        {
            headers[AttemptsHeader] = envelope.Attempts; // absent means 0: fewer bytes per first publish
        }

        headers[EnqueuedAtHeader] = envelope.EnqueuedAt.ToUnixTimeMilliseconds();
        if (envelope.FirstFailedAt is { } firstFailure)
        {
            headers[FirstFailedAtHeader] = firstFailure.ToUnixTimeMilliseconds();
        }

        properties.MessageId = envelope.MessageId;
        properties.ContentType = envelope.ContentType;
        properties.Timestamp = new AmqpTimestamp(envelope.EnqueuedAt.ToUnixTimeSeconds());
        properties.DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient;
    }

    /// <summary>Reads an envelope; <paramref name="body"/> is copied (the client reuses its buffer).</summary>
    public static Envelope FromAmqp(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string routingKey, TimeProvider time)
    {
        var headers = properties.Headers;
        Dictionary<string, string>? application = null;
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (!IsReserved(name) && Text(value) is { } text)
                {
                    (application ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = text;
                }
            }
        }

        var enqueuedAt = Number(headers, EnqueuedAtHeader) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : properties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime)
            : time.GetUtcNow();
        return new Envelope
        {
            MessageId = string.IsNullOrEmpty(properties.MessageId) ? MessageIds.New() : properties.MessageId,
            Site = Name(Get(headers, SiteHeader)) ?? string.Empty,
            Queue = Name(Get(headers, QueueHeader)) ?? routingKey,
            Attempts = (int)Math.Clamp(Number(headers, AttemptsHeader) ?? 0, 0, int.MaxValue),
            EnqueuedAt = enqueuedAt,
            FirstFailedAt = Number(headers, FirstFailedAtHeader) is { } failed ? DateTimeOffset.FromUnixTimeMilliseconds(failed) : null,
            ContentType = string.IsNullOrEmpty(properties.ContentType) ? "application/octet-stream" : properties.ContentType,
            Body = body.ToArray(),
            Headers = application,
        };
    }

    /// <summary>
    /// 1 + the returns the broker counted: quorum queues send <c>x-delivery-count</c> (absent on the first
    /// delivery); classic queues only flag a redelivery, which counts as 2.
    /// </summary>
    public static int DeliveryCount(IReadOnlyBasicProperties properties, bool redelivered)
    {
        if (Number(properties.Headers, DeliveryCountHeader) is { } returns)
        {
            return (int)Math.Clamp(returns + 1, 1, int.MaxValue);
        }

        return redelivered ? 2 : 1;
    }

    internal static object? Get(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value : null;

    private static bool IsReserved(string name) =>
        name.StartsWith("qa-", StringComparison.Ordinal) || name.StartsWith("x-", StringComparison.Ordinal);

    /// <summary>A site or queue name: the same few repeat, so their strings are shared (<see cref="HeaderNames"/>).</summary>
    private static string? Name(object? value) => value is byte[] utf8 ? HeaderNames.Decode(utf8) : Text(value);

    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => null, // tables and arrays are not application headers of ours
    };

    private static long? Number(IDictionary<string, object?>? headers, string name) =>
        Get(headers, name) switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            uint ui => ui,
            ushort us => us,
            byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
}
