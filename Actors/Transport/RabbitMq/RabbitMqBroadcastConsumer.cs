using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The consumer of one broadcast subscription on one server: copies each message into the subscription's
/// inbox (the client reuses the body's buffer); the subscription acknowledges it once its callback ran.
/// </summary>
internal sealed class RabbitMqBroadcastConsumer(IChannel channel, IConnection connection, RabbitMqServer server, RabbitMqBroadcastSubscription subscription)
    : RabbitMqServerConsumer(channel, connection, server, subscription.OnConsumerLost)
{
    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        subscription.Post(new RabbitMqBroadcastMessage(this, deliveryTag, body.ToArray()));
        return Task.CompletedTask;
    }

    /// <summary>Acknowledges a message once handled; a no-op when the channel died meanwhile (its queue went with it).</summary>
    public async Task AckQuietlyAsync(ulong deliveryTag)
    {
        if (!Channel.IsOpen)
        {
            return;
        }

        try
        {
            await Channel.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (!Channel.IsOpen)
        {
            // The channel closed between the check and the ack: the exclusive queue is gone, nothing to settle.
        }
    }
}
