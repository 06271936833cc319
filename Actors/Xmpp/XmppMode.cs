namespace QueueActors.Actors.Xmpp;

/// <summary>How the XMPP output connects.</summary>
public enum XmppMode
{
    /// <summary>As a user (c2s): TCP, STARTTLS, SASL, resource binding, presence (RFC 6120/6121).</summary>
    Client,

    /// <summary>As an external component (XEP-0114): one connection sends for many sites, as <c>site@component-domain</c>.</summary>
    Component,
}
