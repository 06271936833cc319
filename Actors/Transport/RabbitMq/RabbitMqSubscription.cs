using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A subscription across all servers: one consumer (on a channel of its own) per server that is up.
/// <list type="number">
/// <item><see cref="AttachAsync"/> puts a consumer on a server unless a live one is there already; the
/// transport calls it on subscribe and each time a server (re)connects.</item>
/// <item>A consumer whose channel dies while its connection lives, or that the broker cancels, is put back
/// after a backoff; one whose connection died comes back with the connection.</item>
/// <item>Stop cancels every consumer at once; dispose closes their channels (the broker requeues what is
/// unacknowledged).</item>
/// </list>
/// </summary>
internal sealed class RabbitMqSubscription : ISubscription
{
    private readonly Dictionary<RabbitMqServer, RabbitMqConsumer> _consumers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ushort _prefetch;
    private readonly RabbitMqTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<RabbitMqSubscription> _onDisposed;
    private int _stopped;
    private int _disposed;

    public RabbitMqSubscription(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, RabbitMqTransportOptions options, TimeProvider time, ILogger logger, Action<RabbitMqSubscription> onDisposed)
    {
        Spec = spec;
        OnDelivery = onDelivery;
        _prefetch = prefetch;
        _options = options;
        _time = time;
        _logger = logger;
        _onDisposed = onDisposed;
    }

    public QueueSpec Spec { get; }

    public string BrokerQueue => Spec.BrokerQueue;

    public Func<Delivery, CancellationToken, ValueTask> OnDelivery { get; }

    public bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public CancellationToken StoppingToken => _stopping.Token;

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

                await server.CloseQuietlyAsync(old.Channel, "a lost consumer's channel").ConfigureAwait(false);
            }

            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.BasicQosAsync(0, _prefetch, global: false, cancellationToken).ConfigureAwait(false);
                await RabbitMqTopology.DeclareQueueAsync(channel, Spec, cancellationToken).ConfigureAwait(false);
                var consumer = new RabbitMqConsumer(channel, connection, server, this, _logger, _time);
                await channel.BasicConsumeAsync(BrokerQueue, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: false, arguments: null, consumer, cancellationToken).ConfigureAwait(false);
                _consumers[server] = consumer;
            }
            catch
            {
                await server.CloseQuietlyAsync(channel, "a consumer channel that failed to start").ConfigureAwait(false);
                throw;
            }

            RabbitMqLog.ConsumerAttached(_logger, BrokerQueue, server.Name);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RabbitMqLog.ConsumerAttachFailed(_logger, BrokerQueue, server.Name, ex.GetBaseException().Message, _options.InitialReconnectInterval);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void OnConsumerLost(RabbitMqConsumer consumer, string reason)
    {
        if (IsStopped)
        {
            return;
        }

        RabbitMqLog.ConsumerLost(_logger, BrokerQueue, consumer.Server.Name, reason);
        _ = ReattachLaterAsync(consumer.Server);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_consumers.Values.Select(c => CancelQuietlyAsync(c, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_consumers.Values.Select(c => c.Server.CloseQuietlyAsync(c.Channel, "a consumer channel"))).ConfigureAwait(false);
            _consumers.Clear();
        }
        finally
        {
            _gate.Release();
        }

        _onDisposed(this);
    }

    private async Task CancelQuietlyAsync(RabbitMqConsumer consumer, CancellationToken cancellationToken)
    {
        foreach (var tag in consumer.ConsumerTags.ToArray())
        {
            try
            {
                await consumer.Channel.BasicCancelAsync(tag, noWait: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The channel is gone, and with it the consumer: nothing left to cancel.
                RabbitMqLog.CloseFailed(_logger, "a consumer", consumer.Server.Name, ex.Message);
            }
        }
    }

    private async Task ReattachLaterAsync(RabbitMqServer server)
    {
        var delay = _options.InitialReconnectInterval;
        try
        {
            while (!IsStopped)
            {
                await Task.Delay(delay, _time, StoppingToken).ConfigureAwait(false);
                if (!server.IsUp || await AttachAsync(server, StoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (IsStopped)
        {
            // Stopped while waiting.
        }
    }
}
