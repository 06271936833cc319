namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Fan-out channels on the database: a publish appends a row to <c>broadcast_messages</c> (and now and
/// then prunes rows older than <see cref="SqlTransportSettings.BroadcastRetention"/>); a subscriber starts
/// after the channel's last row and reads on from there whenever it is woken.
/// </summary>
public sealed partial class SqlTransport
{
    private readonly HashSet<SqlBroadcastSubscriber> _broadcastSubscribers = [];
    private long _prunedAtTicks;

    /// <inheritdoc />
    public async ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        ThrowIfDisposed();
        var now = Time.GetUtcNow();
        try
        {
            await Broadcasts.PublishAsync(channel, message, SqlRows.NowMillis(now), PruneBefore(now), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw new TransportException($"Cannot broadcast on channel {channel}: the database failed ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        ArgumentNullException.ThrowIfNull(onMessage);
        ThrowIfDisposed();
        long lastId;
        try
        {
            lastId = await Broadcasts.LastIdAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            throw new TransportException($"Cannot subscribe to channel {channel}: the database failed ({ex.Message}).", ex);
        }

        var subscriber = new SqlBroadcastSubscriber(this, channel, onMessage, lastId);
        lock (_gate)
        {
            ThrowIfDisposed();
            _broadcastSubscribers.Add(subscriber);
        }

        subscriber.Start();
        return subscriber;
    }

    internal void Remove(SqlBroadcastSubscriber subscriber)
    {
        lock (_gate)
        {
            _broadcastSubscribers.Remove(subscriber);
        }
    }

    /// <summary>The subscribers still running, for dispose.</summary>
    private List<SqlBroadcastSubscriber> BroadcastSubscribers()
    {
        lock (_gate)
        {
            return [.. _broadcastSubscribers];
        }
    }

    /// <summary>The pruning cut-off when this publish should prune (about four times per retention), else null.</summary>
    private long? PruneBefore(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _prunedAtTicks);
        var due = now.UtcTicks - last >= Settings.BroadcastRetention.Ticks / 4;
        return due && Interlocked.CompareExchange(ref _prunedAtTicks, now.UtcTicks, last) == last
            ? SqlRows.NowMillis(now - Settings.BroadcastRetention)
            : null;
    }
}
