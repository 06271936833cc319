namespace QueueActors.Actors.Transport.InMemory;

/// <summary>Fan-out channels in one process: each subscriber gets a copy of every message, in publish order.</summary>
public sealed partial class InMemoryTransport
{
    private readonly Dictionary<string, List<InMemoryBroadcastSubscriber>> _channels = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        cancellationToken.ThrowIfCancellationRequested();
        var copy = message.ToArray(); // the caller may reuse its buffer
        lock (Gate)
        {
            ThrowIfDisposed();
            if (_channels.TryGetValue(channel, out var subscribers))
            {
                foreach (var subscriber in subscribers)
                {
                    subscriber.Post(copy);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        ArgumentNullException.ThrowIfNull(onMessage);
        var subscriber = new InMemoryBroadcastSubscriber(channel, onMessage, Unsubscribe, _logger);
        lock (Gate)
        {
            ThrowIfDisposed();
            if (!_channels.TryGetValue(channel, out var subscribers))
            {
                _channels[channel] = subscribers = [];
            }

            subscribers.Add(subscriber);
        }

        return Task.FromResult<IAsyncDisposable>(subscriber);
    }

    private void Unsubscribe(InMemoryBroadcastSubscriber subscriber)
    {
        lock (Gate)
        {
            if (_channels.TryGetValue(subscriber.Channel, out var subscribers))
            {
                subscribers.Remove(subscriber);
            }
        }
    }
}
