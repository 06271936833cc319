using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A subscription to a queue across all servers: one consumer per server that is up (see
/// <see cref="RabbitMqConsumerSet{TConsumer}"/>). Stop cancels every consumer at once; dispose closes their
/// channels (the broker requeues what is unacknowledged).
/// </summary>
internal sealed class RabbitMqSubscription(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, RabbitMqTransportOptions options, TimeProvider time, ILogger logger, Action<RabbitMqSubscription> onDisposed)
    : RabbitMqConsumerSet<RabbitMqConsumer>(options, time), ISubscription
{
    private int _disposed;

    public QueueSpec Spec { get; } = spec;

    public string BrokerQueue => Spec.BrokerQueue;

    public Func<Delivery, CancellationToken, ValueTask> OnDelivery { get; } = onDelivery;

    protected override string Kind => "consumer";

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!await MarkStoppedAsync().ConfigureAwait(false))
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(Consumers.Values.Select(c => CancelQuietlyAsync(c, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAllAsync().ConfigureAwait(false);
        onDisposed(this);
    }

    protected override async Task<RabbitMqConsumer> StartAsync(IChannel channel, IConnection connection, RabbitMqServer server, CancellationToken cancellationToken)
    {
        await channel.BasicQosAsync(0, prefetch, global: false, cancellationToken).ConfigureAwait(false);
        await RabbitMqTopology.DeclareQueueAsync(channel, Spec, cancellationToken).ConfigureAwait(false);
        var consumer = new RabbitMqConsumer(channel, connection, server, this, logger, Time);
        await channel.BasicConsumeAsync(BrokerQueue, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: false, arguments: null, consumer, cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    /// <summary>No ack is left behind in memory by the close (the broker would deliver those events again).</summary>
    protected override Task BeforeCloseAsync(RabbitMqConsumer consumer) => consumer.Acks.CloseAsync();

    protected override void LogAttached(RabbitMqServer server) => RabbitMqLog.ConsumerAttached(logger, BrokerQueue, server.Name);

    protected override void LogAttachFailed(RabbitMqServer server, string reason, TimeSpan retryIn) => RabbitMqLog.ConsumerAttachFailed(logger, BrokerQueue, server.Name, reason, retryIn);

    protected override void LogLost(RabbitMqServer server, string reason) => RabbitMqLog.ConsumerLost(logger, BrokerQueue, server.Name, reason);

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
                RabbitMqLog.CloseFailed(logger, "a consumer", consumer.Server.Name, ex.Message);
            }
        }
    }
}
