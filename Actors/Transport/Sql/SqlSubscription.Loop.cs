namespace QueueActors.Actors.Transport.Sql;

/// <summary>The claim loop.</summary>
internal sealed partial class SqlSubscription
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>A consumer row not refreshed for this long belongs to a process that died: it is deleted.</summary>
    private TimeSpan ForgetAfter => 10 * _transport.Settings.ReclaimInterval;

    private async Task RunAsync()
    {
        var retryDelay = FirstRetryDelay;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                while (_wake.Reader.TryRead(out _))
                {
                    // Drained: whatever is signalled from here on wakes the next wait.
                }

                var room = Room();
                var now = _transport.Time.GetUtcNow();
                var claimed = room > 0 && await IsActiveAsync().ConfigureAwait(false) ? await ClaimAsync(room, now).ConfigureAwait(false) : [];
                if (claimed.Count > 0)
                {
                    await HandOutAsync(claimed).ConfigureAwait(false);
                }
                else
                {
                    await SleepAsync(room > 0, now).ConfigureAwait(false);
                }

                retryDelay = FirstRetryDelay;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                SqlTransportLog.ConsumerFailed(_transport.Logger, ex, Id, BrokerQueue, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, _transport.Time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _transport.Settings.ReclaimInterval.Ticks));
            }
        }
    }

    /// <summary>Always, except on a single-active-consumer queue: only the transport's first subscription, and only with the queue's lease.</summary>
    private async Task<bool> IsActiveAsync()
    {
        if (!_spec.SingleActiveConsumer)
        {
            return true;
        }

        if (!_transport.IsActive(this))
        {
            return false;
        }

        _lease ??= await _transport.Store.TryTakeActiveLeaseAsync(BrokerQueue, _stopping.Token).ConfigureAwait(false);
        return _lease is not null;
    }

    private int Room()
    {
        var batch = _transport.Settings.ClaimBatchSize;
        lock (_gate)
        {
            return _prefetch == 0 ? batch : Math.Min(batch, _prefetch - _unsettled.Count);
        }
    }

    private async Task<IReadOnlyList<SqlMessage>> ClaimAsync(int room, DateTimeOffset now)
    {
        if (now - _touchedAt >= _transport.Settings.ReclaimInterval / 2)
        {
            await _transport.Store.TouchConsumerAsync(Id, BrokerQueue, now, now - ForgetAfter, CancellationToken.None).ConfigureAwait(false);
            _touchedAt = now;
        }

        // Not cancelled by a stop: a claim that committed must be seen, so that it can be given back.
        return await _transport.Store.ClaimAsync(_spec, Id, room, now, now + _transport.Settings.VisibilityTimeout, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task HandOutAsync(IReadOnlyList<SqlMessage> claimed)
    {
        List<SqlClaim>? notHanded = null;
        foreach (var message in claimed)
        {
            var delivery = new SqlDelivery(message, this);
            lock (_gate)
            {
                if (_stopped)
                {
                    (notHanded ??= []).Add(message.Claim);
                    continue;
                }

                _unsettled.Add(delivery);
            }

            try
            {
                await _onDelivery(delivery, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                SqlTransportLog.CallbackFailed(_transport.Logger, BrokerQueue, message.Envelope.MessageId, ex);
                if (delivery.TryMarkSettled())
                {
                    await SettleAsync(delivery, requeue: true, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        if (notHanded is not null)
        {
            await GiveBackAsync(notHanded, counted: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for a signal, with a timer for the next due message (when there is room) and for the consumer
    /// heartbeat. <paramref name="claimedAt"/> is the time of the empty claim: every row was either claimable
    /// then or is due after it, so no row falls between the claim and the timer.
    /// </summary>
    private async Task SleepAsync(bool hasRoom, DateTimeOffset claimedAt)
    {
        var now = claimedAt;
        var wakeAt = now + _transport.Settings.ReclaimInterval;
        if (hasRoom && await _transport.Store.NextDueAsync(BrokerQueue, now, _stopping.Token).ConfigureAwait(false) is { } due && due < wakeAt)
        {
            wakeAt = due;
        }

        _timer?.Dispose();
        var delay = wakeAt - _transport.Time.GetUtcNow();
        _timer = _transport.Time.CreateTimer(static state => ((SqlSubscription)state!).Wake(), this, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        await _wake.Reader.ReadAsync(_stopping.Token).ConfigureAwait(false);
    }
}
