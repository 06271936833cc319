using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Outbox;

/// <summary>One committed outbox row, as the relay claimed it.</summary>
internal sealed record OutboxRow(long Seq, string Id, string Site, string Queue, string ContentType, byte[] Payload, long CreatedAt)
{
    /// <summary>The envelope the row's event travels in: its message id and enqueue time are the row's.</summary>
    public Envelope ToEnvelope() => new()
    {
        MessageId = Id,
        Site = Site,
        Queue = Queue,
        EnqueuedAt = new DateTimeOffset(CreatedAt, TimeSpan.Zero),
        ContentType = ContentType,
        Body = Payload,
    };
}
