using System.Text.Json;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>How envelopes and times are stored in the queue tables, the same on every backend.</summary>
internal static class SqlRows
{
    /// <summary>The columns of a claimed row, in the order <see cref="ReadMessage"/> reads them.</summary>
    public const string MessageColumns = "id, attempts, message_id, site, logical_queue, envelope_attempts, enqueued_at, content_type, headers, payload, first_failed_at";

    /// <summary>Unix milliseconds, rounded up: a message is never ready before its time.</summary>
    public static long ToMillis(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

    /// <summary>Unix milliseconds, rounded down: for "now" in comparisons, so that nothing is taken before its time.</summary>
    public static long NowMillis(DateTimeOffset now) => (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMillisecond;

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static string? HeadersToJson(IReadOnlyDictionary<string, string>? headers) =>
        headers is null ? null : JsonSerializer.Serialize(headers);

    public static QueueSpec SpecOf(string name, bool durable, bool singleActiveConsumer, int? deliveryLimit, string? deadLetterQueue) =>
        new(name, durable) { SingleActiveConsumer = singleActiveConsumer, DeliveryLimit = deliveryLimit, DeadLetterQueue = deadLetterQueue };

    /// <summary>Reads a row selected with <see cref="MessageColumns"/>.</summary>
    public static SqlMessage ReadMessage(System.Data.Common.DbDataReader reader, string consumer)
    {
        var headers = reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8));
        var envelope = new Envelope
        {
            MessageId = reader.GetString(2),
            Site = reader.GetString(3),
            Queue = reader.GetString(4),
            Attempts = reader.GetInt32(5),
            EnqueuedAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
            ContentType = reader.GetString(7),
            Headers = headers,
            Body = (byte[])reader.GetValue(9),
            FirstFailedAt = reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero),
        };
        return new SqlMessage(new SqlClaim(reader.GetInt64(0), consumer, reader.GetInt32(1)), envelope);
    }

    /// <summary>Whether a message claimed for the <paramref name="attempts"/>-th time was returned more often than the limit.</summary>
    public static bool OverLimit(QueueSpec spec, int returns) => spec.DeliveryLimit is { } limit && returns > limit;
}
