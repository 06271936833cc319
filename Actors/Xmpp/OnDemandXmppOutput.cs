using QueueActors.Actors.Runtime;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// Starts the <see cref="XmppOutputActor"/>, and so the connection, on the first stanza, then forwards
/// everything to it. The outbox queue has a single active consumer: only the node the broker made active
/// ever gets a stanza, so standby nodes never connect and the cluster holds one XMPP connection. After a
/// takeover the first redelivered stanza opens the connection on the new node.
/// </summary>
public sealed class OnDemandXmppOutput : ActorBase
{
    private readonly XmppSettings settings;
    private readonly IXmppConnector connector;
    private IActorRef? output;

    private OnDemandXmppOutput(XmppSettings settings, IXmppConnector connector)
    {
        this.settings = settings;
        this.connector = connector;
    }

    public static Props Props(XmppSettings settings, IXmppConnector connector) => Runtime.Props.Create(() => new OnDemandXmppOutput(settings, connector));

    protected override ValueTask ReceiveAsync(object message)
    {
        if (message is GetXmppOutputStatus && output is null)
        {
            Reply(new XmppOutputStatus(Connected: false, Waiting: 0, Sent: 0));
            return ValueTask.CompletedTask;
        }

        output ??= Context.ActorOf(XmppOutputActor.Props(settings, connector), "output");
        output.Tell(message, Sender);
        return ValueTask.CompletedTask;
    }
}
