using System.Threading.Channels;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// A subscriber of a channel on the database: one loop that reads the rows after the last one it saw and
/// calls back one at a time, then sleeps until woken (a publish to the channel: the in-process signal, the
/// wake files of other processes on SQLite, NOTIFY on PostgreSQL). A timer at reclaim-interval wakes it too,
/// in case a notification was lost. A callback that throws is logged and the row counts as seen.
/// </summary>
internal sealed class SqlBroadcastSubscriber : IAsyncDisposable
{
    private const int BatchSize = 256;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The subscriber whose callback runs on this flow: a dispose from inside it must not wait for its own loop.</summary>
    private static readonly AsyncLocal<SqlBroadcastSubscriber?> Calling = new();
    private readonly SqlTransport _transport;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _onMessage;
    private readonly string _signal;
    private readonly Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action _wakeAction;
    private Task _loop = Task.CompletedTask;
    private ITimer? _timer;
    private long _lastId;
    private int _disposed;

    public SqlBroadcastSubscriber(SqlTransport transport, string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, long lastId)
    {
        _transport = transport;
        Channel = channel;
        _onMessage = onMessage;
        _lastId = lastId;
        _signal = SqlTransport.BroadcastSignal(channel);
        _wakeAction = Wake;
    }

    public string Channel { get; }

    public void Start()
    {
        _transport.Signals.Register(_signal, _wakeAction);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _transport.Signals.Unregister(_signal, _wakeAction);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Calling.Value == this)
        {
            _transport.Remove(this); // disposed by its own callback: the loop ends when the callback returns
            return;
        }

        await _loop.ConfigureAwait(false);
        _timer?.Dispose();
        _transport.Remove(this);
        _stopping.Dispose();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var retryDelay = FirstRetryDelay;
        Calling.Value = this;
        while (!token.IsCancellationRequested)
        {
            try
            {
                while (_wake.Reader.TryRead(out _))
                {
                    // Drained: whatever is signalled from here on wakes the next sleep.
                }

                var messages = await _transport.Broadcasts.ReadAsync(Channel, _lastId, BatchSize, token).ConfigureAwait(false);
                await HandOutAsync(messages, token).ConfigureAwait(false);
                if (messages.Count < BatchSize)
                {
                    await SleepAsync(token).ConfigureAwait(false);
                }

                retryDelay = FirstRetryDelay;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                BroadcastLog.ReadFailed(_transport.Logger, ex, Channel, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, _transport.Time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _transport.Settings.ReclaimInterval.Ticks));
            }
        }
    }

    private async Task HandOutAsync(IReadOnlyList<SqlBroadcastMessage> messages, CancellationToken token)
    {
        foreach (var message in messages)
        {
            token.ThrowIfCancellationRequested();
            try
            {
                await _onMessage(message.Payload, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                BroadcastLog.HandlerFailed(_transport.Logger, Channel, ex);
            }

            _lastId = message.Id;
        }
    }

    private async Task SleepAsync(CancellationToken token)
    {
        _timer?.Dispose();
        _timer = _transport.Time.CreateTimer(static state => ((SqlBroadcastSubscriber)state!).Wake(), this, _transport.Settings.ReclaimInterval, Timeout.InfiniteTimeSpan);
        await _wake.Reader.ReadAsync(token).ConfigureAwait(false);
    }
}
