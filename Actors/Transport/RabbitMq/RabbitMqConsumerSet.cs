using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// One consumer per server that is up, each on a channel of its own (queue subscriptions and broadcast
/// subscriptions alike):
/// <list type="number">
/// <item><see cref="AttachAsync"/> puts a consumer on a server unless a live one is there already; the
/// transport calls it on subscribe and each time a server (re)connects.</item>
/// <item>A consumer whose channel dies while its connection lives, or that the broker cancels, is put back
/// after a backoff; one whose connection died comes back with the connection.</item>
/// </list>
/// </summary>
internal abstract class RabbitMqConsumerSet<TConsumer>(RabbitMqTransportOptions options, TimeProvider time)
    where TConsumer : RabbitMqServerConsumer
{
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    public bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public CancellationToken StoppingToken => _stopping.Token;

    protected Dictionary<RabbitMqServer, TConsumer> Consumers { get; } = [];

    /// <summary>Held while consumers are attached, cancelled or closed.</summary>
    protected SemaphoreSlim Gate { get; } = new(1, 1);

    protected TimeProvider Time { get; } = time;

    /// <summary>What the consumers are, for channel-closing logs ("consumer", "broadcast consumer").</summary>
    protected abstract string Kind { get; }

    /// <summary>Attaches, and if that fails keeps trying in the background.</summary>
    public async Task AttachOrRetryAsync(RabbitMqServer server, CancellationToken cancellationToken)
    {
        if (!await AttachAsync(server, cancellationToken).ConfigureAwait(false))
        {
            _ = ReattachLaterAsync(server);
        }
    }

    /// <summary>False if the server is up but the consumer could not be put there.</summary>
    public async Task<bool> AttachAsync(RabbitMqServer server, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsStopped || server.Connection is not { } connection)
            {
                return true; // stopped, or the server's reconnection brings the consumer back
            }

            if (Consumers.Remove(server, out var old))
            {
                if (old.IsLiveOn(connection))
                {
                    Consumers[server] = old;
                    return true;
                }

                await server.CloseQuietlyAsync(old.Channel, $"a lost {Kind}'s channel").ConfigureAwait(false);
            }

            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken).ConfigureAwait(false);
            try
            {
                Consumers[server] = await StartAsync(channel, connection, server, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await server.CloseQuietlyAsync(channel, $"a {Kind} channel that failed to start").ConfigureAwait(false);
                throw;
            }

            LogAttached(server);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogAttachFailed(server, ex.GetBaseException().Message, options.InitialReconnectInterval);
            return false;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A consumer's channel died or the broker cancelled it: put it back after a backoff.</summary>
    public void OnConsumerLost(RabbitMqServerConsumer consumer, string reason)
    {
        if (IsStopped)
        {
            return;
        }

        LogLost(consumer.Server, reason);
        _ = ReattachLaterAsync(consumer.Server);
    }

    /// <summary>Sets up the channel (QoS, declarations) and starts a consumer on it.</summary>
    protected abstract Task<TConsumer> StartAsync(IChannel channel, IConnection connection, RabbitMqServer server, CancellationToken cancellationToken);

    protected abstract void LogAttached(RabbitMqServer server);

    protected abstract void LogAttachFailed(RabbitMqServer server, string reason, TimeSpan retryIn);

    protected abstract void LogLost(RabbitMqServer server, string reason);

    /// <summary>Marks the set stopped (true the first time) and cancels <see cref="StoppingToken"/>.</summary>
    protected async Task<bool> MarkStoppedAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return false;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>What a consumer must do before its channel is closed on purpose (nothing, unless overridden).</summary>
    protected virtual Task BeforeCloseAsync(TConsumer consumer) => Task.CompletedTask;

    /// <summary>Closes every consumer's channel (the broker takes back what is unacknowledged).</summary>
    protected async Task CloseAllAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(Consumers.Values.Select(async c =>
            {
                await BeforeCloseAsync(c).ConfigureAwait(false);
                await c.Server.CloseQuietlyAsync(c.Channel, $"a {Kind} channel").ConfigureAwait(false);
            })).ConfigureAwait(false);
            Consumers.Clear();
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task ReattachLaterAsync(RabbitMqServer server)
    {
        var delay = options.InitialReconnectInterval;
        try
        {
            while (!IsStopped)
            {
                await Task.Delay(delay, Time, StoppingToken).ConfigureAwait(false);
                if (!server.IsUp || await AttachAsync(server, StoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (IsStopped)
        {
            // Stopped while waiting.
        }
    }
}
