using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A delivery on one consumer channel. Acks may come from any thread: RabbitMQ.Client 7 writes
/// <c>basic.ack</c>/<c>basic.reject</c> as single frames through the connection's thread-safe writer, and
/// single-message acks (never <c>multiple</c>) cannot overlap. The channel is the one the message came on;
/// once it is closed, the broker has requeued the message, so a late settle does nothing.
/// </summary>
internal sealed class RabbitMqDelivery(Envelope envelope, int deliveryCount, IChannel channel, ulong deliveryTag, string queue, ILogger logger)
    : Delivery(envelope, deliveryCount)
{
    protected override ValueTask AckCoreAsync(CancellationToken cancellationToken) =>
        SendAsync(static (c, tag, _, ct) => c.BasicAckAsync(tag, multiple: false, ct), requeue: false, cancellationToken);

    protected override ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken) =>
        SendAsync(static (c, tag, rq, ct) => c.BasicRejectAsync(tag, rq, ct), requeue, cancellationToken);

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
