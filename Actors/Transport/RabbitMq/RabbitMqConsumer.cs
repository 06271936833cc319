using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The consumer of one subscription on one server, on a channel of its own. The client calls it one
/// delivery at a time (dispatch concurrency 1, so deliveries are handed on in queue order); the callback
/// returns quickly and the delivery is settled later, so up to prefetch deliveries are in flight.
/// </summary>
internal sealed class RabbitMqConsumer(IChannel channel, IConnection connection, RabbitMqServer server, RabbitMqSubscription subscription, ILogger logger, TimeProvider time)
    : AsyncDefaultBasicConsumer(channel)
{
    public RabbitMqServer Server { get; } = server;

    public IConnection Connection { get; } = connection;

    /// <summary>Whether this consumer still takes deliveries on the server's current connection.</summary>
    public bool IsLiveOn(IConnection current) => ReferenceEquals(Connection, current) && Channel.IsOpen && IsRunning;

    public override async Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (subscription.IsStopped)
        {
            // Sent before the broker saw our cancel: give it back at once rather than sit on it.
            await Channel.BasicRejectAsync(deliveryTag, requeue: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var envelope = AmqpEnvelope.FromAmqp(properties, body, routingKey, time);
        var delivery = new RabbitMqDelivery(envelope, AmqpEnvelope.DeliveryCount(properties, redelivered), Channel, deliveryTag, subscription.BrokerQueue, logger);
        try
        {
            await subscription.OnDelivery(delivery, subscription.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RabbitMqLog.CallbackFailed(logger, subscription.BrokerQueue, envelope.MessageId, ex);
            if (delivery.TryMarkSettled() && Channel.IsOpen)
            {
                await Channel.BasicRejectAsync(deliveryTag, requeue: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The broker cancelled us (queue deleted, or a quorum queue lost its leader for good).</summary>
    public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        await base.HandleBasicCancelAsync(consumerTag, cancellationToken).ConfigureAwait(false);
        subscription.OnConsumerLost(this, "cancelled by the broker");
    }

    public override async Task HandleChannelShutdownAsync(object channel, ShutdownEventArgs reason)
    {
        await base.HandleChannelShutdownAsync(channel, reason).ConfigureAwait(false);
        if (reason.Initiator != ShutdownInitiator.Application)
        {
            subscription.OnConsumerLost(this, $"{reason.Initiator} {reason.ReplyCode} {reason.ReplyText}");
        }
    }
}
