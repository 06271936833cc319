namespace QueueActors.Actors.Xmpp;

/// <summary>
/// How handlers send XMPP: hand the stanza over and go on. It is sent later through the cluster's one XMPP
/// connection, retried until it is, and never dropped unless it can never be sent (see <see cref="XmppStanza.Problem"/>).
/// </summary>
public interface IXmppOutbox
{
    /// <summary>Returns once the stanza is safely queued (confirmed by the broker), not when it is sent.</summary>
    ValueTask SendAsync(XmppStanza stanza, CancellationToken cancellationToken = default);
}
