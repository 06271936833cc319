using QueueActors.Actors.Messaging;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Outbox;

/// <summary>One committed outbox row, as the relay claimed it.</summary>
internal sealed record OutboxRow(long Seq, string Id, string Site, string Queue, string ContentType, byte[] Payload, long CreatedAt, string? PartitionKey)
{
    /// <summary>The row as the relay moves it: its event's message id and enqueue time are the row's; its key picks the partition.</summary>
    public RelayRow ToRelayRow() => new(Seq, new Envelope
    {
        MessageId = Id,
        Site = Site,
        Queue = Queue,
        EnqueuedAt = new DateTimeOffset(CreatedAt, TimeSpan.Zero),
        ContentType = ContentType,
        Body = Payload,
    }, PartitionKey: PartitionKey);
}
