using System.Text.Json;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Scheduling.Sql;

/// <summary>A row of <c>qa_scheduled</c> as Dapper reads it (<see cref="Columns"/>), the same on both backends.</summary>
internal sealed class ScheduledRow
{
    /// <summary>The columns, aliased to the properties.</summary>
    public const string Columns = "id AS Id, message_id AS MessageId, broker_queue AS BrokerQueue, site AS Site, logical_queue AS Queue, due_at AS DueAt, enqueued_at AS EnqueuedAt, content_type AS ContentType, headers AS Headers, payload AS Payload, partition_key AS PartitionKey";

    /// <summary>The columns of a listing (no payload).</summary>
    public const string ListColumns = "message_id AS MessageId, broker_queue AS BrokerQueue, site AS Site, logical_queue AS Queue, due_at AS DueAt, enqueued_at AS EnqueuedAt";

    public long Id { get; set; }

    public string MessageId { get; set; } = "";

    public string BrokerQueue { get; set; } = "";

    public string Site { get; set; } = "";

    public string Queue { get; set; } = "";

    public long DueAt { get; set; }

    public long EnqueuedAt { get; set; }

    public string ContentType { get; set; } = "";

    public string? Headers { get; set; }

    public byte[] Payload { get; set; } = [];

    /// <summary>The event's key on a partitioned queue; null on a plain queue, and in rows scheduled before the column (their <see cref="BrokerQueue"/> names the partition).</summary>
    public string? PartitionKey { get; set; }

    /// <summary>The parameters of an insert of <paramref name="envelope"/>.</summary>
    public static object Insert(string brokerQueue, Envelope envelope, DateTimeOffset dueAt, string? partitionKey) => new
    {
        mid = envelope.MessageId,
        queue = brokerQueue,
        site = envelope.Site,
        lq = envelope.Queue,
        due = ToMillis(dueAt),
        enq = envelope.EnqueuedAt.UtcTicks,
        ct = envelope.ContentType,
        headers = envelope.Headers is null ? null : JsonSerializer.Serialize(envelope.Headers),
        payload = envelope.Body.ToArray(),
        pkey = partitionKey,
    };

    /// <summary>Unix milliseconds, rounded up: an event is never relayed before its time.</summary>
    public static long ToMillis(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

    /// <summary>Unix milliseconds, rounded down, for "now" in comparisons.</summary>
    public static long NowMillis(DateTimeOffset now) => (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMillisecond;

    public RelayRow ToRelayRow() => new(Id, new Envelope
    {
        MessageId = MessageId,
        Site = Site,
        Queue = Queue,
        EnqueuedAt = new DateTimeOffset(EnqueuedAt, TimeSpan.Zero),
        ContentType = ContentType,
        Headers = Headers is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(Headers),
        Body = Payload,
    }, BrokerQueue, PartitionKey);

    public ScheduledEvent ToListed() =>
        new(MessageId, BrokerQueue, Site, Queue, DateTimeOffset.FromUnixTimeMilliseconds(DueAt), new DateTimeOffset(EnqueuedAt, TimeSpan.Zero));
}
