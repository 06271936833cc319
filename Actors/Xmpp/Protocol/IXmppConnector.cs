namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>Makes connections: the real one is <see cref="XmppConnector"/>; tests substitute their own.</summary>
public interface IXmppConnector
{
    /// <summary>Connects, negotiates and logs in (or shakes hands as a component), within the connect timeout.</summary>
    /// <param name="onEvent">Called from the connection's read loop for each event, the last being <see cref="XmppConnectionClosed"/>.</param>
    /// <exception cref="XmppException">The connection or login failed.</exception>
    Task<IXmppConnection> ConnectAsync(Action<XmppConnectionEvent> onEvent, CancellationToken cancellationToken = default);
}
