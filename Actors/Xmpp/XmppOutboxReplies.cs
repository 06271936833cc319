using Akka.Actor;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// The address the <see cref="XmppOutboxConsumer"/> gives the output as the sender of its stanzas: hands each
/// <see cref="StanzaSent"/> and <see cref="StanzaRejected"/> to the consumer, which settles the delivery.
/// </summary>
internal sealed class XmppOutboxReplies : ReceiveActor
{
    public XmppOutboxReplies(Action<StanzaSent> sent, Action<StanzaRejected> rejected)
    {
        Receive(sent);
        Receive(rejected);
    }

    public static Props Props(Action<StanzaSent> sent, Action<StanzaRejected> rejected) =>
        Akka.Actor.Props.Create(() => new XmppOutboxReplies(sent, rejected));
}
