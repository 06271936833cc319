using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>What an open connection reports from its read loop, on the read loop's thread.</summary>
public abstract record XmppConnectionEvent;

/// <summary>
/// An iq we sent (a ping) was answered, with a result or an error: either way the server has it, and everything
/// written before it.
/// </summary>
public sealed record XmppIqAnswered(string Id, bool IsError) : XmppConnectionEvent;

/// <summary>A message or presence stanza addressed to us.</summary>
public sealed record XmppStanzaReceived(XElement Stanza) : XmppConnectionEvent;

/// <summary>The connection is gone (stream closed, stream error, I/O error, or closed by us); it reports nothing more.</summary>
public sealed record XmppConnectionClosed(string Reason, Exception? Error) : XmppConnectionEvent;
