using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>
/// A consumer of an in-memory queue. Deliveries are handed to the callback one at a time by a pump task
/// (like a broker channel's dispatch), and settled whenever the caller likes.
/// <list type="number">
/// <item>The queue offers a message when this consumer has room (fewer than prefetch unsettled).</item>
/// <item>The pump hands it to the callback, unless a stop gave it back in between.</item>
/// <item>Stop: no more offers; deliveries not yet handed go back to the queue as they were.</item>
/// <item>Dispose: every unsettled delivery goes back, counted as a return (it may be dead-lettered).</item>
/// </list>
/// </summary>
internal sealed class InMemorySubscription : ISubscription
{
    private readonly InMemoryTransport _transport;
    private readonly InMemoryQueue _queue;
    private readonly ushort _prefetch;
    private readonly Func<Delivery, CancellationToken, ValueTask> _onDelivery;
    private readonly ILogger _logger;
    private readonly Channel<InMemoryDelivery> _pending = Channel.CreateUnbounded<InMemoryDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<InMemoryDelivery> _unsettled = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    public InMemorySubscription(InMemoryTransport transport, InMemoryQueue queue, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, ILogger logger)
    {
        _transport = transport;
        _queue = queue;
        _prefetch = prefetch;
        _onDelivery = onDelivery;
        _logger = logger;
        _ = Task.Run(PumpAsync);
    }

    public string BrokerQueue => _queue.Spec.BrokerQueue;

    /// <summary>Read under the transport lock.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Read under the transport lock.</summary>
    public bool HasCapacity => !Stopped && (_prefetch == 0 || _unsettled.Count < _prefetch);

    /// <summary>Called by the queue under the transport lock.</summary>
    public void Offer(InMemoryMessage message)
    {
        var delivery = new InMemoryDelivery(message, this);
        _unsettled.Add(delivery);
        _pending.Writer.TryWrite(delivery);
    }

    /// <summary>Ack (<paramref name="requeue"/> null) or reject; a no-op for a delivery given back already.</summary>
    public void Settle(InMemoryDelivery delivery, bool? requeue)
    {
        lock (_transport.Gate)
        {
            if (!_unsettled.Remove(delivery))
            {
                return;
            }

            _transport.SettleLocked(_queue, delivery.Message, requeue);
            _queue.Dispatch();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_transport.Gate)
        {
            if (Stopped)
            {
                return Task.CompletedTask;
            }

            Stopped = true;
            GiveBackLocked(all: false);
        }

        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_transport.Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            GiveBackLocked(all: true);
            _queue.Remove(this);
        }

        // The pump ends when the channel is drained; it is not awaited, so disposing from a callback is safe.
        _pending.Writer.TryComplete();
    }

    private void GiveBackLocked(bool all)
    {
        var back = new List<InMemoryMessage>();
        foreach (var delivery in _unsettled.Where(d => all || !d.Handed).ToList())
        {
            _unsettled.Remove(delivery);
            delivery.Released = true;
            if (!delivery.Handed || _transport.CountReturnLocked(_queue, delivery.Message))
            {
                back.Add(delivery.Message);
            }
        }

        _queue.ReturnToFront(back);
        _queue.Dispatch();
    }

    private async Task PumpAsync()
    {
        await foreach (var delivery in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            lock (_transport.Gate)
            {
                if (delivery.Released)
                {
                    continue;
                }

                delivery.Handed = true;
            }

            try
            {
                await _onDelivery(delivery, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                InMemoryLog.CallbackFailed(_logger, BrokerQueue, delivery.Envelope.MessageId, ex);
                if (delivery.TryMarkSettled())
                {
                    Settle(delivery, requeue: true);
                }
            }
        }
    }
}
