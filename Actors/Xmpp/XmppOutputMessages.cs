namespace QueueActors.Actors.Xmpp;

/// <summary>Send this stanza through the one connection; the sender hears <see cref="StanzaSent"/> or <see cref="StanzaRejected"/>.</summary>
public sealed record SendStanza(XmppStanza Stanza);

/// <summary>The server has the stanza (a later ping came back), so it is no longer ours to keep.</summary>
public sealed record StanzaSent(string StanzaId);

/// <summary>The stanza can never be sent (bad recipient, bad site, characters XML cannot carry); it was dropped.</summary>
public sealed record StanzaRejected(string StanzaId, string Reason);

/// <summary>Published on the event stream when the output has a connection.</summary>
public sealed record XmppConnected(string Jid);

/// <summary>Published on the event stream when the output lost its connection; it reconnects by itself.</summary>
public sealed record XmppDisconnected(string Reason);

/// <summary>Asks the output how it is doing; the answer is <see cref="XmppOutputStatus"/>.</summary>
public sealed record GetXmppOutputStatus
{
    public static GetXmppOutputStatus Instance { get; } = new();
}

/// <summary>Connected or not, stanzas waiting (unsent or unconfirmed), and stanzas confirmed since start.</summary>
public sealed record XmppOutputStatus(bool Connected, int Waiting, long Sent);
