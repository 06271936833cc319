using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport;

/// <summary>
/// One delivery of an envelope to a subscription. It is settled exactly once, by <see cref="AckAsync"/> or
/// <see cref="RejectAsync"/>, from any thread and at any later time: the subscription callback hands the
/// delivery on and returns, and up to <c>prefetch</c> deliveries are in flight at once.
/// </summary>
public abstract class Delivery
{
    private int _settled;

    /// <summary>Creates a delivery.</summary>
    protected Delivery(Envelope envelope, int deliveryCount)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentOutOfRangeException.ThrowIfLessThan(deliveryCount, 1);
        Envelope = envelope;
        DeliveryCount = deliveryCount;
    }

    /// <summary>The event.</summary>
    public Envelope Envelope { get; private set; }

    /// <summary>
    /// 1 on the first delivery, 2 on the first redelivery, and so on. Exact where the broker counts
    /// (RabbitMQ quorum queues, the in-memory transport); on a RabbitMQ classic queue the broker only says
    /// "redelivered", which is reported as 2.
    /// </summary>
    public int DeliveryCount { get; }

    /// <summary>Whether the broker delivered this message before.</summary>
    public bool IsRedelivery => DeliveryCount > 1;

    /// <summary>Whether <see cref="AckAsync"/> or <see cref="RejectAsync"/> was called.</summary>
    public bool IsSettled => Volatile.Read(ref _settled) != 0;

    /// <summary>
    /// Done with it: the broker forgets the message. If the connection it came on is gone meanwhile, the
    /// broker has requeued the message already and will deliver it again (at-least-once).
    /// </summary>
    public ValueTask AckAsync(CancellationToken cancellationToken = default)
    {
        MarkSettled();
        return AckCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the message back: to the queue again (<paramref name="requeue"/>; its delivery count grows), or
    /// to the queue's dead-letter queue if it has one (dropped otherwise).
    /// </summary>
    public ValueTask RejectAsync(bool requeue, CancellationToken cancellationToken = default)
    {
        MarkSettled();
        return RejectCoreAsync(requeue, cancellationToken);
    }

    /// <summary>Acknowledges on the broker; called once.</summary>
    protected abstract ValueTask AckCoreAsync(CancellationToken cancellationToken);

    /// <summary>Rejects on the broker; called once.</summary>
    protected abstract ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken);

    /// <summary>
    /// The envelope as the queue domain reads it: a plain event from another producer gets the site and logical
    /// queue it lacked. Called by the one actor that holds the delivery, before it hands it on; the broker's
    /// message is unchanged (a retry or dead letter is made from this envelope).
    /// </summary>
    internal void Reread(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Envelope = envelope;
    }

    /// <summary>Marks the delivery settled without telling the broker (its channel is gone); false if it already was.</summary>
    internal bool TryMarkSettled() => Interlocked.Exchange(ref _settled, 1) == 0;

    private void MarkSettled()
    {
        if (!TryMarkSettled())
        {
            // Settling twice is a caller bug; on RabbitMQ it would also close the channel (unknown delivery tag).
            throw new InvalidOperationException($"Message {Envelope.MessageId} on queue {Envelope.Queue} is already settled.");
        }
    }
}
