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
internal sealed class RabbitMqBroadcastSubscription : RabbitMqConsumerSet<RabbitMqBroadcastConsumer>, IAsyncDisposable
{
    private const ushort Prefetch = 64;

    /// <summary>The subscription whose callback runs on this flow: a dispose from inside it must not wait for its own loop.</summary>
    private static readonly AsyncLocal<RabbitMqBroadcastSubscription?> Calling = new();
    private readonly System.Threading.Channels.Channel<RabbitMqBroadcastMessage> _inbox =
        System.Threading.Channels.Channel.CreateUnbounded<RabbitMqBroadcastMessage>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _onMessage;
    private readonly ILogger _logger;
    private readonly Action<RabbitMqBroadcastSubscription> _onDisposed;
    private readonly Task _loop;

    public RabbitMqBroadcastSubscription(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, RabbitMqTransportOptions options, TimeProvider time, ILogger logger, Action<RabbitMqBroadcastSubscription> onDisposed)
        : base(options, time)
    {
        Channel = channel;
        _onMessage = onMessage;
        _logger = logger;
        _onDisposed = onDisposed;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public string Channel { get; }

    protected override string Kind => "broadcast consumer";

    public void Post(RabbitMqBroadcastMessage message) => _inbox.Writer.TryWrite(message);

    public async ValueTask DisposeAsync()
    {
        if (!await MarkStoppedAsync().ConfigureAwait(false))
        {
            return;
        }

        await CloseAllAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        if (Calling.Value != this)
        {
            await _loop.ConfigureAwait(false); // unless disposed by its own callback: then the loop ends when it returns
        }

        _onDisposed(this);
    }

    protected override async Task<RabbitMqBroadcastConsumer> StartAsync(IChannel channel, IConnection connection, RabbitMqServer server, CancellationToken cancellationToken)
    {
        await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        await RabbitMqTopology.DeclareChannelAsync(channel, Channel, cancellationToken).ConfigureAwait(false);
        var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, arguments: null, passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(queue.QueueName, Channel, routingKey: string.Empty, arguments: null, noWait: false, cancellationToken).ConfigureAwait(false);
        var consumer = new RabbitMqBroadcastConsumer(channel, connection, server, this);
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: true, arguments: null, consumer, cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    protected override void LogAttached(RabbitMqServer server) => BroadcastLog.Attached(_logger, Channel, server.Name);

    protected override void LogAttachFailed(RabbitMqServer server, string reason, TimeSpan retryIn) => BroadcastLog.AttachFailed(_logger, Channel, server.Name, reason, retryIn);

    protected override void LogLost(RabbitMqServer server, string reason) => BroadcastLog.Lost(_logger, Channel, server.Name, reason);

    private async Task LoopAsync()
    {
        var token = StoppingToken;
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
