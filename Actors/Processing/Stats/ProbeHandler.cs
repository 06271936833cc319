using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>The built-in handler of <see cref="SendReceiveProbe.Queue"/>: publishes each probe back to the reply queue.</summary>
public sealed class ProbeHandler(ITransport transport, QueueTopology topology, TimeProvider time) : IQueueHandler<ProbeEvent>
{
    public async ValueTask HandleAsync(ProbeEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var reply = SendReceiveProbe.ReplySpec(topology);
        await transport.PublishAsync(reply.BrokerQueue, SendReceiveProbe.Envelope(@event.ProbeId, time.GetUtcNow(), SendReceiveProbe.ReplyQueue), cancellationToken).ConfigureAwait(false);
    }
}
