using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Xmpp;

/// <summary>An outbox onto the broker queue that the one active <see cref="XmppOutboxConsumer"/> of the cluster reads.</summary>
public sealed class TransportXmppOutbox : IXmppOutbox
{
    private readonly ITransport transport;
    private readonly string queue;
    private readonly TimeProvider time;

    private TransportXmppOutbox(ITransport transport, string queue, TimeProvider time)
    {
        this.transport = transport;
        this.queue = queue;
        this.time = time;
    }

    /// <summary>Declares the outbox queue and returns an outbox onto it.</summary>
    public static async Task<TransportXmppOutbox> CreateAsync(ITransport transport, XmppSettings settings, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var spec = XmppOutboxQueue.Spec(settings);
        await transport.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
        return new TransportXmppOutbox(transport, spec.BrokerQueue, timeProvider ?? TimeProvider.System);
    }

    public ValueTask SendAsync(XmppStanza stanza, CancellationToken cancellationToken = default) =>
        transport.PublishAsync(queue, XmppOutboxQueue.ToEnvelope(stanza, time.GetUtcNow()), cancellationToken);
}
