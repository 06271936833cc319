using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A consumer on one server, on a channel of its own, belonging to a <see cref="RabbitMqConsumerSet{TConsumer}"/>:
/// it reports itself lost when the broker cancels it or its channel dies, so the set puts it back.
/// </summary>
internal abstract class RabbitMqServerConsumer(IChannel channel, IConnection connection, RabbitMqServer server, Action<RabbitMqServerConsumer, string> onLost)
    : AsyncDefaultBasicConsumer(channel)
{
    public RabbitMqServer Server { get; } = server;

    public IConnection Connection { get; } = connection;

    /// <summary>Whether this consumer still takes messages on the server's current connection.</summary>
    public bool IsLiveOn(IConnection current) => ReferenceEquals(Connection, current) && Channel.IsOpen && IsRunning;

    /// <summary>The broker cancelled us (queue or exchange deleted, or a quorum queue lost its leader for good).</summary>
    public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        await base.HandleBasicCancelAsync(consumerTag, cancellationToken).ConfigureAwait(false);
        onLost(this, "cancelled by the broker");
    }

    public override async Task HandleChannelShutdownAsync(object channel, ShutdownEventArgs reason)
    {
        await base.HandleChannelShutdownAsync(channel, reason).ConfigureAwait(false);
        if (reason.Initiator != ShutdownInitiator.Application)
        {
            onLost(this, $"{reason.Initiator} {reason.ReplyCode} {reason.ReplyText}");
        }
    }
}
