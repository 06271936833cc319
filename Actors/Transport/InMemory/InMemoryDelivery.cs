namespace QueueActors.Actors.Transport.InMemory;

/// <summary>
/// A delivery from an in-memory queue. Its state (<see cref="Handed"/>, <see cref="Released"/>) is read and
/// written under the transport's lock only.
/// </summary>
internal sealed class InMemoryDelivery(InMemoryMessage message, InMemorySubscription owner)
    : Delivery(message.Envelope, message.Returns + 1)
{
    public InMemoryMessage Message { get; } = message;

    /// <summary>The callback got it (so giving it back counts as a return).</summary>
    public bool Handed { get; set; }

    /// <summary>Given back to the queue by a stop or dispose; a later ack or reject is then a no-op.</summary>
    public bool Released { get; set; }

    protected override ValueTask AckCoreAsync(CancellationToken cancellationToken)
    {
        owner.Settle(this, requeue: null);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken)
    {
        owner.Settle(this, requeue);
        return ValueTask.CompletedTask;
    }
}
