using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>
/// The transport in one process: for the embedded single-node mode and the test harness. It keeps the
/// meaning of the RabbitMQ transport so that what passes on one passes on the other:
/// <list type="number">
/// <item>Publishing to a queue that was not declared fails (RabbitMQ: mandatory publish, unroutable).</item>
/// <item>Deliveries are counted; a reject with requeue, or a subscription disposed with deliveries unsettled,
/// gives them back at the head of the queue with their count grown.</item>
/// <item>A queue with a delivery limit dead-letters a message returned more often than the limit; a reject
/// without requeue dead-letters at once (to <see cref="QueueSpec.DeadLetterQueue"/>, or drops).</item>
/// <item>Delays run on the <see cref="TimeProvider"/>, so tests can drive them with a manual clock.</item>
/// </list>
/// Nothing survives the process: <see cref="QueueSpec.Durable"/> is accepted and otherwise ignored.
/// </summary>
public sealed partial class InMemoryTransport : ITransport
{
    private readonly Dictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<ITimer> _timers = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _sequence;
    private bool _disposed;

    /// <summary>Creates an empty transport.</summary>
    public InMemoryTransport(TimeProvider? timeProvider = null, ILogger<InMemoryTransport>? logger = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<InMemoryTransport>.Instance;
    }

    /// <summary>The one lock over all queues, subscriptions and deliveries of this transport.</summary>
    internal object Gate { get; } = new();

    /// <inheritdoc />
    public Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        lock (Gate)
        {
            ThrowIfDisposed();
            DeclareLocked(spec);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            ThrowIfDisposed();
            var queue = FindLocked(brokerQueue, "publish to");
            queue.Enqueue(new InMemoryMessage(envelope, ++_sequence));
            queue.Dispatch();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (delay <= TimeSpan.Zero)
        {
            return PublishAsync(brokerQueue, envelope, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            ThrowIfDisposed();
            _ = FindLocked(brokerQueue, "publish to");
            var pending = new InMemoryDelayedPublish(this, brokerQueue, envelope, _time, _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency));
            pending.Timer = _time.CreateTimer(static state => ((InMemoryDelayedPublish)state!).Fire(), pending, delay, Timeout.InfiniteTimeSpan);
            _timers.Add(pending.Timer);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onDelivery);
        spec.Validate();
        lock (Gate)
        {
            ThrowIfDisposed();
            var queue = DeclareLocked(spec);
            var subscription = new InMemorySubscription(this, queue, prefetch, onDelivery, _logger);
            queue.Add(subscription);
            queue.Dispatch();
            return Task.FromResult<ISubscription>(subscription);
        }
    }

    /// <inheritdoc />
    public Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            return Task.FromResult(FindLocked(brokerQueue, "purge").Purge());
        }
    }

    /// <inheritdoc />
    public Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            var queue = FindLocked(brokerQueue, "look at");
            return Task.FromResult(new QueueStatus(brokerQueue, queue.ReadyCount, queue.ConsumerCount));
        }
    }

    /// <summary>Drops every queue, pending delay and channel subscriber; deliveries still out become no-ops.</summary>
    public async ValueTask DisposeAsync()
    {
        InMemoryBroadcastSubscriber[] subscribers;
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
            _queues.Clear();
            subscribers = [.. _channels.Values.SelectMany(s => s)];
            _channels.Clear();
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
        }
    }

    private InMemoryQueue DeclareLocked(QueueSpec spec)
    {
        if (spec.DeadLetterQueue is { } dlq)
        {
            DeclareLocked(new QueueSpec(dlq, spec.Durable));
        }

        if (_queues.TryGetValue(spec.BrokerQueue, out var existing))
        {
            return existing.Spec == spec
                ? existing
                : throw new TransportException($"Queue {spec.BrokerQueue} exists with another spec ({existing.Spec}); cannot declare it as {spec}.");
        }

        var queue = new InMemoryQueue(spec);
        _queues.Add(spec.BrokerQueue, queue);
        return queue;
    }

    private InMemoryQueue FindLocked(string brokerQueue, string action) =>
        _queues.TryGetValue(brokerQueue, out var queue)
            ? queue
            : throw new TransportException($"Cannot {action} queue {brokerQueue}: it was not declared.");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
