using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A subscription to a broadcast channel across all servers: on each server that is up, a consumer on a
/// channel of its own, reading an exclusive, auto-delete, server-named queue bound to the channel's exchange.
/// <list type="number">
/// <item>The transport attaches it on subscribe and each time a server (re)connects (a new queue each time:
/// the old one went with its connection); a consumer lost while its connection lives comes back after a
/// backoff.</item>
/// <item>Every server's consumer posts into one inbox; one loop calls back one message at a time (each
/// server's messages in their order) and acknowledges after the callback, so at most
/// <see cref="Prefetch"/> messages per server wait in memory.</item>
/// <item>Dispose closes the consumers' channels (their queues are deleted) and stops the loop: nothing is
/// called back after it returned.</item>
/// </list>
/// </summary>
internal sealed class RabbitMqBroadcastSubscription : IAsyncDisposable
{
    private const ushort Prefetch = 64;

    /// <summary>The subscription whose callback runs on this flow: a dispose from inside it must not wait for its own loop.</summary>
    private static readonly AsyncLocal<RabbitMqBroadcastSubscription?> Calling = new();
    private readonly Dictionary<RabbitMqServer, RabbitMqBroadcastConsumer> _consumers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Threading.Channels.Channel<RabbitMqBroadcastMessage> _inbox =
        System.Threading.Channels.Channel.CreateUnbounded<RabbitMqBroadcastMessage>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _onMessage;
    private readonly RabbitMqTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<RabbitMqBroadcastSubscription> _onDisposed;
    private readonly Task _loop;
    private int _stopped;

    public RabbitMqBroadcastSubscription(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, RabbitMqTransportOptions options, TimeProvider time, ILogger logger, Action<RabbitMqBroadcastSubscription> onDisposed)
    {
        Channel = channel;
        _onMessage = onMessage;
        _options = options;
        _time = time;
        _logger = logger;
        _onDisposed = onDisposed;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public string Channel { get; }

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>Attaches, and if that fails keeps trying in the background.</summary>
    public async Task AttachOrRetryAsync(RabbitMqServer server, CancellationToken cancellationToken)
    {
        if (!await AttachAsync(server, cancellationToken).ConfigureAwait(false))
        {
            _ = ReattachLaterAsync(server);
        }
    }

    public void Post(RabbitMqBroadcastMessage message) => _inbox.Writer.TryWrite(message);

    public void OnConsumerLost(RabbitMqBroadcastConsumer consumer, string reason)
    {
        if (IsStopped)
        {
            return;
        }

        BroadcastLog.Lost(_logger, Channel, consumer.Server.Name, reason);
        _ = ReattachLaterAsync(consumer.Server);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_consumers.Values.Select(c => c.Server.CloseQuietlyAsync(c.Channel, "a broadcast consumer's channel"))).ConfigureAwait(false);
            _consumers.Clear();
        }
        finally
        {
            _gate.Release();
        }

        _inbox.Writer.TryComplete();
        if (Calling.Value != this)
        {
            await _loop.ConfigureAwait(false); // unless disposed by its own callback: then the loop ends when it returns
        }

        _onDisposed(this);
    }

    /// <summary>False if the server is up but the consumer could not be put there.</summary>
    private async Task<bool> AttachAsync(RabbitMqServer server, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsStopped || server.Connection is not { } connection)
            {
                return true; // stopped, or the server's reconnection brings the consumer back
            }

            if (_consumers.Remove(server, out var old))
            {
                if (old.IsLiveOn(connection))
                {
                    _consumers[server] = old;
                    return true;
                }

                await server.CloseQuietlyAsync(old.Channel, "a lost broadcast consumer's channel").ConfigureAwait(false);
            }

            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
                await RabbitMqTopology.DeclareChannelAsync(channel, Channel, cancellationToken).ConfigureAwait(false);
                var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, arguments: null, passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
                await channel.QueueBindAsync(queue.QueueName, Channel, routingKey: string.Empty, arguments: null, noWait: false, cancellationToken).ConfigureAwait(false);
                var consumer = new RabbitMqBroadcastConsumer(channel, connection, server, this);
                await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: true, arguments: null, consumer, cancellationToken).ConfigureAwait(false);
                _consumers[server] = consumer;
            }
            catch
            {
                await server.CloseQuietlyAsync(channel, "a broadcast consumer channel that failed to start").ConfigureAwait(false);
                throw;
            }

            BroadcastLog.Attached(_logger, Channel, server.Name);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            BroadcastLog.AttachFailed(_logger, Channel, server.Name, ex.GetBaseException().Message, _options.InitialReconnectInterval);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReattachLaterAsync(RabbitMqServer server)
    {
        var delay = _options.InitialReconnectInterval;
        try
        {
            while (!IsStopped)
            {
                await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
                if (!server.IsUp || await AttachAsync(server, _stopping.Token).ConfigureAwait(false))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (IsStopped)
        {
            // Disposed while waiting.
        }
    }

    private async Task LoopAsync()
    {
        var token = _stopping.Token;
        Calling.Value = this;
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await _onMessage(message.Body, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    BroadcastLog.HandlerFailed(_logger, Channel, ex);
                }

                await message.Consumer.AckQuietlyAsync(message.DeliveryTag).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
