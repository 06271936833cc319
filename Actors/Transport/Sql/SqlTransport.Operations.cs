using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>The <see cref="ITransport"/> operations.</summary>
public sealed partial class SqlTransport
{
    /// <inheritdoc />
    public async Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        ThrowIfDisposed();
        try
        {
            await Store.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw DatabaseFailure("declare", spec.BrokerQueue, ex);
        }
    }

    /// <inheritdoc />
    public ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) =>
        InsertAsync(brokerQueue, envelope, TimeSpan.Zero, cancellationToken);

    /// <inheritdoc />
    public ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default) =>
        InsertAsync(brokerQueue, envelope, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, cancellationToken);

    /// <inheritdoc />
    public async Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onDelivery);
        await DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
        var subscription = new SqlSubscription(this, spec, prefetch, onDelivery);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_subscriptions.TryGetValue(spec.BrokerQueue, out var list))
            {
                _subscriptions[spec.BrokerQueue] = list = [];
            }

            list.Add(subscription);
        }

        await subscription.StartAsync(cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    /// <inheritdoc />
    public async Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        long? purged;
        try
        {
            purged = await Store.PurgeAsync(brokerQueue, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw DatabaseFailure("purge", brokerQueue, ex);
        }

        return purged ?? throw SqlQueueErrors.NotDeclared("purge", brokerQueue);
    }

    /// <inheritdoc />
    public async Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var now = Time.GetUtcNow();
        QueueStatus? status;
        try
        {
            status = await Store.StatusAsync(brokerQueue, now, now - (2 * Settings.ReclaimInterval), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw DatabaseFailure("look at", brokerQueue, ex);
        }

        return status ?? throw SqlQueueErrors.NotDeclared("look at", brokerQueue);
    }

    /// <summary>Disposes the subscriptions (their unsettled deliveries go back) and broadcast subscribers, the LISTEN and NOTIFY loops, the wake files, and the database if this transport opened it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<SqlSubscription> subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions.Values.SelectMany(static l => l)];
        }

        var failures = new List<Exception>();
        foreach (var disposable in subscriptions.Cast<IAsyncDisposable?>().Concat(BroadcastSubscribers()).Concat(_parts).Append(_ownedDatabase))
        {
            try
            {
                if (disposable is not null)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Closing the SQL transport failed.", failures);
        }
    }

    /// <summary>Whether the subscription may claim: always, except on a single-active-consumer queue where only the first running one may.</summary>
    internal bool IsActive(SqlSubscription subscription)
    {
        lock (_gate)
        {
            return !_subscriptions.TryGetValue(subscription.BrokerQueue, out var list)
                || list.Find(static s => !s.Stopped) is not { } first
                || first == subscription
                || !first.IsSingleActiveConsumer;
        }
    }

    /// <summary>A subscription stopped: on a single-active-consumer queue the next one takes over.</summary>
    internal void OnStopped(SqlSubscription subscription) => Signals.Signal(subscription.BrokerQueue);

    internal void Remove(SqlSubscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.BrokerQueue, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscriptions.Remove(subscription.BrokerQueue);
            }
        }
    }

    private async ValueTask InsertAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ThrowIfDisposed();
        // Now rounds down (ready at once), a delay rounds up (never ready before its time).
        var now = Time.GetUtcNow();
        var availableAt = delay > TimeSpan.Zero ? SqlRows.ToMillis(now + delay) : SqlRows.NowMillis(now);
        bool inserted;
        try
        {
            inserted = await Store.InsertAsync(brokerQueue, envelope, availableAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw DatabaseFailure("publish to", brokerQueue, ex);
        }

        if (!inserted)
        {
            throw SqlQueueErrors.NotDeclared("publish to", brokerQueue);
        }
    }

    /// <summary>A failure of the database or the connection to it (both backends' exceptions are DbExceptions; neither quotes a password).</summary>
    private static bool IsDatabaseFailure(Exception ex) => ex is System.Data.Common.DbException or Persistence.PersistenceException or TimeoutException;

    private static TransportException DatabaseFailure(string action, string queue, Exception ex) =>
        new($"Cannot {action} queue {queue}: the database failed ({ex.Message}). A publish that fails may or may not have been stored.", ex);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
