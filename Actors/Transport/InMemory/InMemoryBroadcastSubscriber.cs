using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>One subscriber of an in-memory channel: its own inbox and a loop that calls back one message at a time.</summary>
internal sealed class InMemoryBroadcastSubscriber : IAsyncDisposable
{
    private readonly Channel<ReadOnlyMemory<byte>> _inbox = System.Threading.Channels.Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<InMemoryBroadcastSubscriber> _unsubscribe;
    private readonly Task _loop;

    /// <summary>The subscriber whose callback runs on this flow: a dispose from inside it must not wait for its own loop.</summary>
    private static readonly AsyncLocal<InMemoryBroadcastSubscriber?> Calling = new();

    public InMemoryBroadcastSubscriber(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, Action<InMemoryBroadcastSubscriber> unsubscribe, ILogger logger)
    {
        Channel = channel;
        _unsubscribe = unsubscribe;
        _loop = Task.Run(() => LoopAsync(onMessage, logger));
    }

    public string Channel { get; }

    public void Post(ReadOnlyMemory<byte> message) => _inbox.Writer.TryWrite(message);

    public async ValueTask DisposeAsync()
    {
        _unsubscribe(this);
        if (_inbox.Writer.TryComplete())
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        if (Calling.Value == this)
        {
            return; // disposed by its own callback: the loop ends when the callback returns
        }

        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, ILogger logger)
    {
        Calling.Value = this;
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await onMessage(message, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    InMemoryLog.BroadcastHandlerFailed(logger, Channel, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
