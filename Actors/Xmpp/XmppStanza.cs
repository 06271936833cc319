using System.Xml;
using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// A message stanza a handler wants sent for a site: to a JID, with a body (and optionally a subject). In
/// component mode it goes out from <c>site@component-domain</c>; in client mode from the logged-in user.
/// <see cref="Id"/> becomes the stanza's id, so a receiver can recognise the rare duplicate after a reconnect.
/// </summary>
public sealed record XmppStanza(string Id, string Site, string To, string Body)
{
    private static readonly string[] Types = ["chat", "normal", "headline", "groupchat"];

    /// <summary>The message type: chat, normal, headline or groupchat.</summary>
    public string Type { get; init; } = "chat";

    public string? Subject { get; init; }

    /// <summary>Why this stanza can never be sent (so retrying is pointless), or null if it can.</summary>
    public string? Problem(XmppMode mode)
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(To) || To.Any(char.IsWhiteSpace))
        {
            return "a stanza needs an id and a recipient JID without spaces";
        }

        if (!Types.Contains(Type))
        {
            return $"message type {Type} is not one of {string.Join(", ", Types)}";
        }

        if (mode == XmppMode.Component && (string.IsNullOrEmpty(Site) || Site.Any(c => char.IsWhiteSpace(c) || c is '"' or '&' or '\'' or '/' or ':' or '<' or '>' or '@')))
        {
            return $"site {Site} cannot be the local part of a JID";
        }

        foreach (var text in new[] { Id, Site, To, Body, Subject ?? "" })
        {
            try
            {
                XmlConvert.VerifyXmlChars(text);
            }
            catch (XmlException)
            {
                return "the stanza holds characters XML cannot carry";
            }
        }

        return null;
    }

    /// <summary>The stanza as XML in the stream's namespace, from <paramref name="from"/> when given.</summary>
    internal XElement ToElement(XNamespace ns, string? from)
    {
        var message = new XElement(ns + "message", new XAttribute("id", Id), new XAttribute("to", To), new XAttribute("type", Type));
        if (from is not null)
        {
            message.SetAttributeValue("from", from);
        }

        if (Subject is not null)
        {
            message.Add(new XElement(ns + "subject", Subject));
        }

        message.Add(new XElement(ns + "body", Body));
        return message;
    }
}
