using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Tests.Infrastructure;

/// <summary>A transport that hands every call to another; tests override what they watch or change.</summary>
public abstract class DelegatingTransport(ITransport inner) : ITransport
{
    protected ITransport Inner { get; } = inner;

    public virtual Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default) => Inner.DeclareAsync(spec, cancellationToken);

    public virtual ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) => Inner.PublishAsync(brokerQueue, envelope, cancellationToken);

    public virtual ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default) =>
        Inner.PublishDelayedAsync(brokerQueue, envelope, delay, cancellationToken);

    public virtual Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
        Inner.SubscribeAsync(spec, prefetch, onDelivery, cancellationToken);

    public virtual Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default) => Inner.PurgeAsync(brokerQueue, cancellationToken);

    public virtual Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default) => Inner.GetStatusAsync(brokerQueue, cancellationToken);

    public virtual ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Inner.BroadcastAsync(channel, message, cancellationToken);

    public virtual Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
        Inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);

    public virtual ValueTask DisposeAsync() => Inner.DisposeAsync();
}
