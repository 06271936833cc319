using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// An open, authenticated XMPP stream. Server pings are answered by the connection itself; what else arrives is
/// reported as <see cref="XmppConnectionEvent"/>s to the callback given at connect. Disposing closes the stream.
/// </summary>
public interface IXmppConnection : IAsyncDisposable
{
    /// <summary>Our address: the bound full JID (client mode) or the component's domain.</summary>
    string Jid { get; }

    /// <summary>The namespace of stanzas on this stream: jabber:client or jabber:component:accept.</summary>
    XNamespace StanzaNamespace { get; }

    /// <summary>
    /// Writes the stanzas in order, then (when <paramref name="pingId"/> is given) an XEP-0199 ping to the server
    /// whose answer arrives as <see cref="XmppIqAnswered"/>: since the server handles a stream in order, the
    /// answer confirms that every stanza before it arrived. One write for all of them.
    /// </summary>
    /// <exception cref="XmppException">The connection is closed or the write failed (the connection then closes).</exception>
    ValueTask SendAsync(IReadOnlyList<XElement> stanzas, string? pingId = null, CancellationToken cancellationToken = default);

    /// <summary>Closes the socket at once, without a closing stream tag (for a synchronous stop).</summary>
    void Abort();
}
