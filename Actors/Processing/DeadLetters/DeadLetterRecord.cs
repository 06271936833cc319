using System.Text;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing.DeadLetters;

/// <summary>
/// Everything known about an event that gave up: where it came from, its payload, how often it was tried,
/// why it stopped and the last exception. Written as one JSON file and published to the dead-letter queue.
/// </summary>
public sealed record DeadLetterRecord
{
    /// <summary>
    /// The site of a dead letter whose event named none (a plain event from another producer, on a queue with no
    /// <c>default-site</c>): a valid site name, so that the store keeps it and <c>dead list</c> shows it; replay
    /// publishes such an event again without a site, as it came.
    /// </summary>
    public const string NoSite = "no-site";

    /// <summary>The content type of records on the dead-letter queue.</summary>
    public const string QueueContentType = "application/vnd.queueactors.dead-letter+json";

    /// <summary>
    /// The record's id: the event's enqueue time and a hash of its message id, so it sorts by time, is safe as
    /// a file name whatever the event holds, and is the same for every copy of one event (one letter per event).
    /// </summary>
    public required string Id { get; init; }

    public required string MessageId { get; init; }

    public required string Site { get; init; }

    public required string Queue { get; init; }

    /// <summary>The broker queue the event was taken from.</summary>
    public required string BrokerQueue { get; init; }

    public required DeadLetterReason Reason { get; init; }

    /// <summary>Failed attempts, worker deaths included.</summary>
    public required int Attempts { get; init; }

    /// <summary>The payload as text when it is UTF-8; otherwise null and <see cref="PayloadBase64"/> holds it.</summary>
    public string? Payload { get; init; }

    public string? PayloadBase64 { get; init; }

    public required string ContentType { get; init; }

    public string? ExceptionType { get; init; }

    public string? ExceptionMessage { get; init; }

    public string? StackTrace { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    public required DateTimeOffset FirstFailureAt { get; init; }

    public required DateTimeOffset LastFailureAt { get; init; }

    /// <summary>The node that dead-lettered it.</summary>
    public required string Node { get; init; }

    /// <summary>The application headers the event carried.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>A record of <paramref name="envelope"/>, failing now (<paramref name="now"/>).</summary>
    public static DeadLetterRecord Create(Envelope envelope, string brokerQueue, DeadLetterReason reason, int attempts, Exception? error, string node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var text = TryUtf8(envelope.Body.Span);
        return new DeadLetterRecord
        {
            Id = IdOf(envelope),
            MessageId = envelope.MessageId,
            Site = QueueNames.IsValidSite(envelope.Site) ? envelope.Site : NoSite,
            Queue = envelope.Queue,
            BrokerQueue = brokerQueue,
            Reason = reason,
            Attempts = attempts,
            Payload = text,
            PayloadBase64 = text is null ? Convert.ToBase64String(envelope.Body.Span) : null,
            ContentType = envelope.ContentType,
            ExceptionType = error?.GetType().FullName,
            ExceptionMessage = error?.Message,
            StackTrace = error?.ToString(),
            EnqueuedAt = envelope.EnqueuedAt,
            FirstFailureAt = envelope.FirstFailedAt ?? now,
            LastFailureAt = now,
            Node = node,
            Headers = envelope.Headers,
        };
    }

    /// <summary>The record id of <paramref name="envelope"/>'s event (see <see cref="Id"/>).</summary>
    /// <summary>The record as a worker puts it on the dead-letter queue, under the <paramref name="site"/> of its event.</summary>
    public Envelope ToQueueEnvelope(string site) => new()
    {
        MessageId = Id,
        Site = site,
        Queue = Queue,
        EnqueuedAt = LastFailureAt,
        ContentType = QueueContentType,
        Body = DeadLetterFiles.ToJson(this),
    };

    public static string IdOf(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(envelope.MessageId));
        return $"{envelope.EnqueuedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    private static string? TryUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null; // kept as base64 instead
        }
    }
}
