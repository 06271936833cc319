using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// Starts the <see cref="XmppOutputActor"/>, and so the connection, on the first stanza, then forwards
/// everything to it. The outbox queue has a single active consumer: only the node the broker made active
/// ever gets a stanza, so standby nodes never connect and the cluster holds one XMPP connection. After a
/// takeover the first redelivered stanza opens the connection on the new node.
/// </summary>
public sealed class OnDemandXmppOutput : ReceiveActor
{
    private IActorRef? output;

    public OnDemandXmppOutput(XmppSettings settings, IXmppConnector connector, ILoggerFactory? loggerFactory = null)
    {
        Receive<GetXmppOutputStatus>(_ => output is null, _ => Sender.Tell(new XmppOutputStatus(Connected: false, Waiting: 0, Sent: 0)));
        ReceiveAny(message =>
        {
            output ??= Context.ActorOf(XmppOutputActor.Props(settings, connector, loggerFactory), "output");
            output.Forward(message);
        });
    }

    public static Props Props(XmppSettings settings, IXmppConnector connector, ILoggerFactory? loggerFactory = null) =>
        Akka.Actor.Props.Create(() => new OnDemandXmppOutput(settings, connector, loggerFactory));
}
