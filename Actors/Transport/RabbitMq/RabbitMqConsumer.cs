using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The consumer of one subscription on one server, on a channel of its own. The client calls it one
/// delivery at a time (dispatch concurrency 1, so deliveries are handed on in queue order); the callback
/// returns quickly and the delivery is settled later, so up to prefetch deliveries are in flight.
/// </summary>
internal sealed class RabbitMqConsumer(IChannel channel, IConnection connection, RabbitMqServer server, RabbitMqSubscription subscription, ILogger logger, TimeProvider time)
    : RabbitMqServerConsumer(channel, connection, server, subscription.OnConsumerLost)
{
    /// <summary>This channel's acks, sent in as few frames as handling order allows.</summary>
    public AckBatcher Acks { get; } = new(channel, subscription.BrokerQueue, logger);

    public override async Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var acks = Acks.Delivered(deliveryTag) ? Acks : null;
        if (acks is null)
        {
            RabbitMqLog.AckSequenceBroken(logger, subscription.BrokerQueue, deliveryTag, Acks.Expected);
        }

        if (subscription.IsStopped)
        {
            // Sent before the broker saw our cancel: give it back at once rather than sit on it.
            await RejectAsync(acks, deliveryTag, cancellationToken).ConfigureAwait(false);
            return;
        }

        var envelope = AmqpEnvelope.FromAmqp(properties, body, routingKey, time);
        var delivery = new RabbitMqDelivery(envelope, AmqpEnvelope.DeliveryCount(properties, redelivered), Channel, deliveryTag, subscription.BrokerQueue, logger, acks);
        try
        {
            await subscription.OnDelivery(delivery, subscription.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RabbitMqLog.CallbackFailed(logger, subscription.BrokerQueue, envelope.MessageId, ex);
            if (delivery.TryMarkSettled() && Channel.IsOpen)
            {
                await RejectAsync(acks, deliveryTag, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private ValueTask RejectAsync(AckBatcher? acks, ulong deliveryTag, CancellationToken cancellationToken) =>
        acks?.RejectAsync(deliveryTag, requeue: true, cancellationToken) ?? Channel.BasicRejectAsync(deliveryTag, requeue: true, cancellationToken);
}
