using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Processing;

/// <summary>
/// An in-memory transport that counts the deliveries its subscription callbacks have handed on (the
/// callback returned), so a test knows they are in the queue supervisor's mailbox.
/// </summary>
public sealed class CountingTransport() : DelegatingTransport(new InMemoryTransport())
{
    private int _handedOn;

    public int HandedOn => Volatile.Read(ref _handedOn);

    public override Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
        Inner.SubscribeAsync(spec, prefetch, async (delivery, token) =>
        {
            await onDelivery(delivery, token);
            Interlocked.Increment(ref _handedOn);
        }, cancellationToken);
}
