using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A delivery on one consumer channel. Settles may come from any thread: its channel's <see cref="AckBatcher"/>
/// orders them (acks go out together, with <c>multiple</c>); without one (a channel whose tags broke sequence),
/// each is a single frame through the connection's thread-safe writer. The channel is the one the message came on;
/// once it is closed, the broker has requeued the message, so a late settle does nothing.
/// </summary>
internal sealed class RabbitMqDelivery(Envelope envelope, int deliveryCount, IChannel channel, ulong deliveryTag, string queue, ILogger logger, AckBatcher? acks)
    : Delivery(envelope, deliveryCount)
{
    protected override ValueTask AckCoreAsync(CancellationToken cancellationToken)
    {
        if (acks is null || !channel.IsOpen)
        {
            return SendAsync(static (c, tag, _, ct) => c.BasicAckAsync(tag, multiple: false, ct), requeue: false, cancellationToken);
        }

        acks.Ack(deliveryTag);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken) => acks is null
        ? SendAsync(static (c, tag, rq, ct) => c.BasicRejectAsync(tag, rq, ct), requeue, cancellationToken)
        : SendAsync((_, tag, rq, ct) => acks.RejectAsync(tag, rq, ct), requeue, cancellationToken);

    private async ValueTask SendAsync(Func<IChannel, ulong, bool, CancellationToken, ValueTask> send, bool requeue, CancellationToken cancellationToken)
    {
        if (!channel.IsOpen)
        {
            RabbitMqLog.SettleAfterChannelLost(logger, Envelope.MessageId, queue);
            return;
        }

        try
        {
            await send(channel, deliveryTag, requeue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!channel.IsOpen)
        {
            RabbitMqLog.SettleAfterChannelLost(logger, Envelope.MessageId, queue);
        }
    }
}
