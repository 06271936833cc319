using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;

namespace QueueActors.Tests.Processing;

/// <summary>
/// An in-memory transport that counts the deliveries its subscription callbacks have handed on (the
/// callback returned), so a test knows they are in the queue supervisor's mailbox.
/// </summary>
public sealed class CountingTransport : ITransport
{
    private readonly InMemoryTransport _inner = new();
    private int _handedOn;

    public int HandedOn => Volatile.Read(ref _handedOn);

    public Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default) => _inner.DeclareAsync(spec, cancellationToken);

    public ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) => _inner.PublishAsync(brokerQueue, envelope, cancellationToken);

    public ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default) =>
        _inner.PublishDelayedAsync(brokerQueue, envelope, delay, cancellationToken);

    public Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
        _inner.SubscribeAsync(spec, prefetch, async (delivery, token) =>
        {
            await onDelivery(delivery, token);
            Interlocked.Increment(ref _handedOn);
        }, cancellationToken);

    public Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default) => _inner.PurgeAsync(brokerQueue, cancellationToken);

    public Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default) => _inner.GetStatusAsync(brokerQueue, cancellationToken);

    public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        _inner.BroadcastAsync(channel, message, cancellationToken);

    public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
        _inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
