using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The consumer of one broadcast subscription on one server: copies each message into the subscription's
/// inbox (the client reuses the body's buffer); the subscription acknowledges it once its callback ran.
/// </summary>
internal sealed class RabbitMqBroadcastConsumer(IChannel channel, IConnection connection, RabbitMqServer server, RabbitMqBroadcastSubscription subscription)
    : AsyncDefaultBasicConsumer(channel)
{
    public RabbitMqServer Server { get; } = server;

    /// <summary>Whether this consumer still takes messages on the server's current connection.</summary>
    public bool IsLiveOn(IConnection current) => ReferenceEquals(connection, current) && Channel.IsOpen && IsRunning;

    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        subscription.Post(new RabbitMqBroadcastMessage(this, deliveryTag, body.ToArray()));
        return Task.CompletedTask;
    }

    /// <summary>The broker cancelled us (the queue or the exchange was deleted).</summary>
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
