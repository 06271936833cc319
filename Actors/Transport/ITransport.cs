using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport;

/// <summary>
/// Broker queues seen from the queue domain: declare, publish (confirmed), publish later (the broker holds
/// the delay), subscribe, purge and look. RabbitMQ (<c>RabbitMq/</c>) and in-process (<c>InMemory/</c>)
/// implement it with the same meaning, so the domain never sees a broker type. Every transport also carries
/// the fan-out channels of <see cref="IBroadcast"/> (control commands and replies on the transport).
/// </summary>
public interface ITransport : IBroadcast, IAsyncDisposable
{
    /// <summary>
    /// Declares the queue (and its dead-letter queue) on every server that is up, and again on each server
    /// that comes back later. Idempotent for the same spec.
    /// </summary>
    /// <exception cref="TransportException">No server is up, or a server refused the declaration.</exception>
    Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes the envelope to a declared queue and returns once a server confirmed it has the message:
    /// a random server first, then the others in turn.
    /// </summary>
    /// <exception cref="TransportException">No server confirmed (all down, all refused, or no such queue).</exception>
    ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="PublishAsync"/>, but the message reaches the queue only after <paramref name="delay"/>
    /// (rounded up, at most about 10 % more). The broker holds the message meanwhile, durably when the target
    /// queue is durable, so a crash of this process or of a broker node loses no scheduled retry.
    /// </summary>
    ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Declares the queue and consumes it on every server, now and after each reconnect.
    /// <paramref name="onDelivery"/> is called one delivery at a time per server, should hand the delivery on
    /// and return quickly, and settle it later (up to <paramref name="prefetch"/> unsettled at once; 0 means
    /// no limit). Its token is cancelled when the subscription stops. If it throws, the delivery is requeued.
    /// </summary>
    Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default);

    /// <summary>Drops the messages waiting in the queue (on every server that is up); returns how many.</summary>
    Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default);

    /// <summary>Ready messages and consumers of the queue.</summary>
    /// <exception cref="TransportException">No server could answer, or the queue does not exist.</exception>
    Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default);
}
