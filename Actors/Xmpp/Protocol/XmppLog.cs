using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>Log entries of the XMPP connection and output. Never a password, secret or SASL payload.</summary>
internal static partial class XmppLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "XMPP connected to {Host}:{Port} as {Jid} (TLS: {Encrypted}, login: {Login})")]
    public static partial void Connected(ILogger logger, string host, int port, string jid, bool encrypted, string login);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "XMPP connection to {Host}:{Port} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Accepting the untrusted certificate of {Domain} ({Errors}) because accept-untrusted-certificate is on")]
    public static partial void UntrustedCertificateAccepted(ILogger logger, string domain, string errors);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "XMPP connect attempt {Attempt} to {Host}:{Port} failed; next attempt in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, int attempt, string host, int port, TimeSpan delay);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "XMPP output lost its connection ({Reason}); {Unconfirmed} stanzas will be sent again, {Unsent} wait; reconnecting in {Delay}")]
    public static partial void ConnectionLost(ILogger logger, string reason, int unconfirmed, int unsent, TimeSpan delay);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "XMPP ping {PingId} got no answer within {Timeout}; dropping the connection")]
    public static partial void PingTimedOut(ILogger logger, string pingId, TimeSpan timeout);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "XMPP stanza {StanzaId} of site {Site} cannot be sent and is dropped: {Reason}")]
    public static partial void StanzaRejected(ILogger logger, string stanzaId, string site, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "XMPP outbox message {MessageId} on {Queue} is not a stanza and goes to dead letters: {Reason}")]
    public static partial void UndecodableOutboxMessage(ILogger logger, string messageId, string queue, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Could not settle XMPP outbox message {MessageId}; the broker will deliver it again")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string messageId);
}
