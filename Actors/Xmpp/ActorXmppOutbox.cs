using Akka.Actor;

namespace QueueActors.Actors.Xmpp;

/// <summary>An outbox straight into a local <see cref="XmppOutputActor"/>: one process, no broker (embedded mode, tests).</summary>
public sealed class ActorXmppOutbox(IActorRef output) : IXmppOutbox
{
    public ValueTask SendAsync(XmppStanza stanza, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        output.Tell(new SendStanza(stanza));
        return ValueTask.CompletedTask;
    }
}
