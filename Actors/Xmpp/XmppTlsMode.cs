namespace QueueActors.Actors.Xmpp;

/// <summary>Whether a client connection is encrypted with STARTTLS.</summary>
public enum XmppTlsMode
{
    /// <summary>STARTTLS or no connection.</summary>
    Required,

    /// <summary>STARTTLS when the server offers it; PLAIN login is then refused on an unencrypted stream.</summary>
    Optional,

    /// <summary>Plain TCP, even when the server offers STARTTLS (test servers only).</summary>
    Disabled,
}
