using System.Globalization;
using System.Text;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Envelope ↔ AMQP message. The body is the payload; message id, content type and timestamp are AMQP
/// properties; site, logical queue and the enqueue time in milliseconds travel in the AMQP <c>type</c> property
/// (<see cref="TypeOf"/>); attempts and the first failure's time (retry copies only) are <c>qa-*</c> headers;
/// application headers travel as string headers. Decoding never throws: a message from another producer
/// (a plain JSON body from pika or amqplib) gets what can be read: its AMQP message-id or a made-up one, no
/// site, the routing key as queue, attempts 0 (the broker's delivery count says how often it came back). The
/// queue domain fills in the site its queue assumes (<c>Processing.Supervision.PlainEvents</c>) and
/// dead-letters what it still cannot use.
/// </summary>
/// <remarks>
/// Why not headers: the broker decodes a message's header table on every publish (it looks for CC and BCC
/// routes), and three headers cost a classic queue about a tenth of its publish rate; the fixed properties are
/// read for free. Events published before the <c>type</c> property carried them have <c>qa-site</c>,
/// <c>qa-queue</c> and <c>qa-enqueued-at</c> headers, which are still read.
/// </remarks>
internal static class AmqpEnvelope
{
    /// <summary>What the <c>type</c> of an event QueueActors published starts with.</summary>
    public const string TypePrefix = "qa1/";
    public const string AttemptsHeader = "qa-attempts";
    public const string FirstFailedAtHeader = "qa-first-failed-at";
    public const string DeliveryCountHeader = "x-delivery-count";
    private const string LegacySiteHeader = "qa-site";
    private const string LegacyQueueHeader = "qa-queue";
    private const string LegacyEnqueuedAtHeader = "qa-enqueued-at";

    [ThreadStatic]
    private static string? t_lastType;

    public static BasicProperties ToProperties(Envelope envelope, bool persistent, bool legacyHeaders)
    {
        var properties = new BasicProperties();
        Fill(properties, envelope, persistent, legacyHeaders);
        return properties;
    }

    /// <summary>
    /// Sets every property this mapping uses on <paramref name="properties"/>. Its <c>Headers</c> table, if any, is
    /// emptied and refilled (<see cref="PublishProperties"/> reuses one from publish to publish): on a confirm channel
    /// the client puts its publish sequence number there, and makes a table for it when there is none.
    /// <paramref name="legacyHeaders"/> adds the <c>qa-*</c> headers that older versions read site, queue and time from.
    /// </summary>
    public static void Fill(BasicProperties properties, Envelope envelope, bool persistent, bool legacyHeaders)
    {
        var headers = properties.Headers;
        headers?.Clear();
        IDictionary<string, object?> Table() => headers ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (envelope.Headers is not null)
        {
            foreach (var (name, value) in envelope.Headers)
            {
                if (!IsReserved(name))
                {
                    Table()[name] = value;
                }
            }
        }

        if (envelope.Attempts > 0)
        {
            Table()[AttemptsHeader] = envelope.Attempts;
        }

        if (envelope.FirstFailedAt is { } firstFailure)
        {
            Table()[FirstFailedAtHeader] = firstFailure.ToUnixTimeMilliseconds();
        }

        if (legacyHeaders)
        {
            Table()[LegacySiteHeader] = envelope.Site;
            Table()[LegacyQueueHeader] = envelope.Queue;
            Table()[LegacyEnqueuedAtHeader] = envelope.EnqueuedAt.ToUnixTimeMilliseconds();
        }

        properties.Headers = headers;
        properties.Type = TypeOf(envelope);
        properties.MessageId = envelope.MessageId;
        properties.ContentType = envelope.ContentType;
        properties.Timestamp = new AmqpTimestamp(envelope.EnqueuedAt.ToUnixTimeSeconds());
        properties.DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient;
    }

    /// <summary>
    /// <c>qa1/&lt;site&gt;/&lt;queue&gt;/&lt;enqueued at, Unix ms&gt;</c>, e.g. <c>qa1/example.org/email/1790000000123</c>
    /// (an empty site when the event has none). Site names have no '/', so the first one ends the site and the last
    /// one starts the time.
    /// </summary>
    /// <remarks>
    /// Events a thread publishes to one queue in the same millisecond share one string: under load that is most of
    /// them, and the string would otherwise be the largest allocation a publish adds to the client's own.
    /// </remarks>
    public static string TypeOf(Envelope envelope)
    {
        var enqueuedMs = envelope.EnqueuedAt.ToUnixTimeMilliseconds();
        Span<char> chars = stackalloc char[128];
        if (!chars.TryWrite(CultureInfo.InvariantCulture, $"{TypePrefix}{envelope.Site}/{envelope.Queue}/{enqueuedMs}", out var length))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{TypePrefix}{envelope.Site}/{envelope.Queue}/{enqueuedMs}"); // names longer than valid ones
        }

        var type = chars[..length];
        return t_lastType is { } last && type.SequenceEqual(last) ? last : t_lastType = new string(type);
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

        if (!TryReadType(properties.Type, out var site, out var queue, out var enqueuedMs))
        {
            site = Name(Get(headers, LegacySiteHeader));
            queue = Name(Get(headers, LegacyQueueHeader));
            enqueuedMs = Number(headers, LegacyEnqueuedAtHeader);
        }

        var enqueuedAt = enqueuedMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : properties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime)
            : time.GetUtcNow();
        return new Envelope
        {
            MessageId = string.IsNullOrEmpty(properties.MessageId) ? MessageIds.New() : properties.MessageId,
            Site = site ?? string.Empty,
            Queue = queue ?? routingKey,
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

    /// <summary>Reads a <see cref="TypeOf"/> value; false for any other <c>type</c> (another producer's, or none).</summary>
    private static bool TryReadType(string? type, out string? site, out string? queue, out long? enqueuedMs)
    {
        (site, queue, enqueuedMs) = (null, null, null);
        if (type is null || !type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = type.AsSpan(TypePrefix.Length);
        var siteEnd = rest.IndexOf('/');
        var timeStart = rest.LastIndexOf('/');
        if (siteEnd < 0 || timeStart <= siteEnd + 1
            || !long.TryParse(rest[(timeStart + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        site = siteEnd == 0 ? string.Empty : InternedNames.Of(rest[..siteEnd]);
        queue = InternedNames.Of(rest[(siteEnd + 1)..timeStart]);
        enqueuedMs = ms;
        return true;
    }

    /// <summary>A site or queue name from a legacy header: the same few repeat, so their strings are shared.</summary>
    private static string? Name(object? value) => value is byte[] utf8 ? InternedNames.Of(utf8) : Text(value);

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
