namespace QueueActors.Actors.Messaging;

/// <summary>
/// One event on its way through a queue: what the producer published plus what the queue domain needs to
/// route, retry and dead-letter it. Transports carry it unchanged (RabbitMQ maps it onto AMQP properties and
/// <c>qa-*</c> headers); <see cref="Body"/> is the payload exactly as published.
/// </summary>
/// <remarks>Record equality compares <see cref="Body"/> and <see cref="Headers"/> by reference.</remarks>
public sealed record Envelope
{
    /// <summary>Unique per published event, kept across retries (a retry is the same event again).</summary>
    public string MessageId { get; init; } = MessageIds.New();

    /// <summary>The site (tenant) the event belongs to.</summary>
    public required string Site { get; init; }

    /// <summary>The logical queue (<c>email</c>, <c>digest</c>…), not the broker queue it travels on.</summary>
    public required string Queue { get; init; }

    /// <summary>How many times handling already failed: 0 on the first publish, +1 on each retry.</summary>
    public int Attempts { get; init; }

    /// <summary>When handling first failed (set on the first retry, kept across the later ones); null before.</summary>
    public DateTimeOffset? FirstFailedAt { get; init; }

    /// <summary>When the producer first published the event (kept across retries).</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Application headers; names starting with <c>qa-</c> or <c>x-</c> are reserved for the transport.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
