namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// The XMPP connection failed or was refused (closed stream, stream error, TLS or login failure). Messages name
/// the host, user and step; they never hold a password, secret or SASL payload.
/// </summary>
public sealed class XmppException : Exception
{
    public XmppException(string message)
        : base(message)
    {
    }

    public XmppException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for a refused login or component handshake: retrying with the same secret will not help soon.</summary>
    public bool IsAuthenticationFailure { get; init; }
}
