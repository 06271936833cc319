using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// Feeds the outbox queue into this node's <see cref="XmppOutputActor"/>:
/// 1. subscribes with single active consumer, so of all nodes only one gets stanzas (and thus connects them
///    through); when it goes, the broker gives its unacknowledged stanzas and the queue to the next;
/// 2. hands each delivery to the actor and keeps it unsettled; acks it only when the actor reports
///    <see cref="StanzaSent"/> (the server has it), so a node that dies loses nothing;
/// 3. a body that is no stanza, or a stanza the actor rejects, goes to the queue's dead letters, never retried;
/// 4. a redelivered stanza whose id is already in flight here is the same stanza twice: acked at once.
/// </summary>
public sealed class XmppOutboxConsumer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Delivery> inFlight = new(StringComparer.Ordinal);
    private readonly ActorSystem system;
    private readonly IActorRef output;
    private readonly ILogger logger;
    private IActorRef? replies;
    private ISubscription? subscription;
    private int settling; // out of inFlight, their ack or reject not yet done

    private XmppOutboxConsumer(ActorSystem system, IActorRef output, ILogger logger)
    {
        this.system = system;
        this.output = output;
        this.logger = logger;
    }

    /// <summary>Stanzas handed to the actor and not yet settled.</summary>
    public int InFlight => inFlight.Count + Volatile.Read(ref settling);

    /// <summary>Subscribes to the outbox queue and feeds <paramref name="output"/>; logs to <paramref name="logger"/> (none: no log).</summary>
    public static async Task<XmppOutboxConsumer> StartAsync(ITransport transport, XmppSettings settings, ActorSystem system, IActorRef output, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var consumer = new XmppOutboxConsumer(system, output, logger ?? NullLogger.Instance);
        consumer.replies = system.ActorOf(XmppOutboxReplies.Props(consumer.OnSent, consumer.OnRejected));
        consumer.subscription = await transport.SubscribeAsync(XmppOutboxQueue.Spec(settings), settings.OutboxPrefetch, consumer.OnDeliveryAsync, cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Stops consuming; what is still unsettled goes back to the queue for the next consumer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (replies is not null)
        {
            system.Stop(replies);
        }
    }

    private async ValueTask OnDeliveryAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var stanza = XmppOutboxQueue.FromEnvelope(delivery.Envelope, out var problem);
        if (stanza is null)
        {
            XmppLog.UndecodableOutboxMessage(logger, delivery.Envelope.MessageId, subscription?.BrokerQueue ?? "", problem!);
            await delivery.RejectAsync(requeue: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!inFlight.TryAdd(stanza.Id, delivery))
        {
            await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        output.Tell(new SendStanza(stanza), replies);
    }

    private void OnSent(StanzaSent sent) => Settle(sent.StanzaId, ack: true);

    private void OnRejected(StanzaRejected rejected) => Settle(rejected.StanzaId, ack: false);

    private void Settle(string stanzaId, bool ack)
    {
        Interlocked.Increment(ref settling); // counted before it leaves inFlight: InFlight never shows it settled early
        if (inFlight.TryRemove(stanzaId, out var delivery))
        {
            _ = SettleAsync(delivery, ack);
        }
        else
        {
            Interlocked.Decrement(ref settling);
        }
    }

    private async Task SettleAsync(Delivery delivery, bool ack)
    {
        try
        {
            await (ack ? delivery.AckAsync() : delivery.RejectAsync(requeue: false)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException or InvalidOperationException)
        {
            // The channel it came on is gone: the broker has requeued it and delivers it again (at least once).
            XmppLog.SettleFailed(logger, ex, delivery.Envelope.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref settling);
        }
    }
}
