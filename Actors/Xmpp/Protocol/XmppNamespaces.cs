using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>The XML namespaces of the protocol parts this client speaks.</summary>
public static class XmppNamespaces
{
    public static readonly XNamespace Streams = "http://etherx.jabber.org/streams";
    public static readonly XNamespace Client = "jabber:client";
    public static readonly XNamespace Component = "jabber:component:accept";
    public static readonly XNamespace Tls = "urn:ietf:params:xml:ns:xmpp-tls";
    public static readonly XNamespace Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static readonly XNamespace Bind = "urn:ietf:params:xml:ns:xmpp-bind";
    public static readonly XNamespace Session = "urn:ietf:params:xml:ns:xmpp-session";
    public static readonly XNamespace StreamErrors = "urn:ietf:params:xml:ns:xmpp-streams";
    public static readonly XNamespace StanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static readonly XNamespace Ping = "urn:xmpp:ping";
}
