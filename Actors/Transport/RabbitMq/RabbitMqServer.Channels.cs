using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>The channels a server hands out: the shared publish channel and short-lived ones.</summary>
internal sealed partial class RabbitMqServer
{
    public async ValueTask<IChannel> GetPublishChannelAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _publishChannel) is { IsOpen: true } open)
        {
            return open;
        }

        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_publishChannel is { IsOpen: true } again)
            {
                return again;
            }

            var connection = Connection ?? throw new TransportException($"Server {Name} is down.");
            var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
            var channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _publishChannel, channel);
            return channel;
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> on a channel of its own, closed afterwards.</summary>
    public async Task<T> WithChannelAsync<T>(Func<IChannel, Task<T>> action, CancellationToken cancellationToken)
    {
        var connection = Connection ?? throw new TransportException($"Server {Name} is down.");
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(channel).ConfigureAwait(false);
        }
        finally
        {
            await CloseQuietlyAsync(channel, "a channel").ConfigureAwait(false);
        }
    }

    public async Task CloseQuietlyAsync(IChannel channel, string what)
    {
        try
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The channel or its connection is gone already; nothing is left to release.
            RabbitMqLog.CloseFailed(_logger, what, Name, ex.Message);
        }
    }
}
