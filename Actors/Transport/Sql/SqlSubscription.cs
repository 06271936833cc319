using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// A consumer of a SQL queue: one loop that claims and hands out, woken instead of polling.
/// <list type="number">
/// <item>While it has room (fewer than prefetch unsettled) it claims ready rows (a claim lasts the visibility
/// timeout) and hands them to the callback one at a time.</item>
/// <item>With nothing to claim it sleeps until woken: by a publish or return to its queue (an in-process
/// signal on SQLite, NOTIFY on PostgreSQL), by a settle that frees room, or by a timer set for the moment
/// the next delayed message or expiring claim becomes ready (at most reclaim-interval away, which also
/// refreshes its row in queue_consumers).</item>
/// <item>Stop: no more claims; claimed rows not yet handed out are undone uncounted. Dispose: every
/// unsettled delivery is returned, counted (and may be dead-lettered by the delivery limit).</item>
/// </list>
/// </summary>
internal sealed partial class SqlSubscription : ISubscription
{
    private readonly SqlTransport _transport;
    private readonly QueueSpec _spec;
    private readonly ushort _prefetch;
    private readonly Func<Delivery, CancellationToken, ValueTask> _onDelivery;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly HashSet<SqlDelivery> _unsettled = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Action _wakeAction;
    private Task _loop = Task.CompletedTask;
    private ITimer? _timer;
    private IAsyncDisposable? _lease;
    private DateTimeOffset _touchedAt;
    private bool _stopped;
    private bool _disposed;

    public SqlSubscription(SqlTransport transport, QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery)
    {
        _transport = transport;
        _spec = spec;
        _prefetch = prefetch;
        _onDelivery = onDelivery;
        _wakeAction = Wake;
        Id = $"{transport.NodeId}/{Guid.NewGuid():N}";
    }

    public string BrokerQueue => _spec.BrokerQueue;

    public bool IsSingleActiveConsumer => _spec.SingleActiveConsumer;

    /// <summary>This consumer's name in claimed_by and queue_consumers.</summary>
    public string Id { get; }

    public bool Stopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    /// <summary>Registers the consumer, then starts the loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _touchedAt = _transport.Time.GetUtcNow();
        await _transport.Store.TouchConsumerAsync(Id, BrokerQueue, _touchedAt, _touchedAt - ForgetAfter, cancellationToken).ConfigureAwait(false);
        _transport.Signals.Register(BrokerQueue, _wakeAction);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        _stopping.Cancel();
        _transport.Signals.Unregister(BrokerQueue, _wakeAction);
        await _loop.ConfigureAwait(false);
        _timer?.Dispose();
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _transport.Store.RemoveConsumerAsync(Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            SqlTransportLog.UnregisterFailed(_transport.Logger, ex, Id, BrokerQueue);
        }

        _transport.OnStopped(this);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        List<SqlDelivery> unsettled;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            unsettled = [.. _unsettled];
            _unsettled.Clear();
        }

        if (unsettled.Count > 0)
        {
            await GiveBackAsync([.. unsettled.Select(d => d.Claim)], counted: true).ConfigureAwait(false);
        }

        _transport.Remove(this);
        _stopping.Dispose();
    }

    /// <summary>Ack (<paramref name="requeue"/> null) or reject; a no-op for a delivery given back already.</summary>
    public async ValueTask SettleAsync(SqlDelivery delivery, bool? requeue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_unsettled.Remove(delivery))
            {
                return;
            }
        }

        try
        {
            var store = _transport.Store;
            var now = _transport.Time.GetUtcNow();
            switch (requeue)
            {
                case null:
                    await store.AckAsync(delivery.Claim, cancellationToken).ConfigureAwait(false);
                    break;
                case true:
                    await store.ReturnAsync(_spec, [delivery.Claim], counted: true, now, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await store.DeadLetterAsync(_spec, delivery.Claim, now, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            Wake(); // room for another delivery
        }
    }

    private async Task GiveBackAsync(IReadOnlyList<SqlClaim> claims, bool counted)
    {
        try
        {
            await _transport.Store.ReturnAsync(_spec, claims, counted, _transport.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SqlTransportLog.GiveBackFailed(_transport.Logger, ex, claims.Count, BrokerQueue);
        }
    }
}
