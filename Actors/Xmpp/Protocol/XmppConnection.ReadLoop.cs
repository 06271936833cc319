using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>The read loop of an open connection and what it does with each element.</summary>
public sealed partial class XmppConnection
{
    private async Task ReadLoopAsync()
    {
        string reason;
        Exception? error = null;
        try
        {
            while (true)
            {
                var element = await reader!.ReadElementAsync().ConfigureAwait(false);
                if (element is null)
                {
                    reason = "the server closed the stream";
                    break;
                }

                if (element.Name == XmppNamespaces.Streams + "error")
                {
                    reason = "stream error " + ErrorCondition(element);
                    break;
                }

                await DispatchAsync(element).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Whatever ended the loop ends the connection; the owner hears of it below and reconnects.
            reason = Volatile.Read(ref state) == Open ? "the connection failed: " + ex.Message : "closed by us";
            error = Volatile.Read(ref state) == Open ? ex : null;
        }

        Interlocked.Exchange(ref state, Closed);
        CloseTransport();
        XmppLog.ConnectionClosed(logger, settings.Host, settings.Port, reason);
        onEvent(new XmppConnectionClosed(reason, error));
    }

    private async Task DispatchAsync(XElement element)
    {
        switch (element.Name.LocalName, (string?)element.Attribute("type"))
        {
            case ("iq", "result" or "error"):
                onEvent(new XmppIqAnswered((string?)element.Attribute("id") ?? "", (string?)element.Attribute("type") == "error"));
                break;
            case ("iq", "get") when element.Element(XmppNamespaces.Ping + "ping") is not null:
                await WriteAsync(Answer(element, "result").ToString(SaveOptions.DisableFormatting), CancellationToken.None).ConfigureAwait(false);
                break;
            case ("iq", "get" or "set"):
                var refusal = Answer(element, "error");
                refusal.Add(new XElement(StanzaNamespace + "error", new XAttribute("type", "cancel"), new XElement(XmppNamespaces.StanzaErrors + "service-unavailable")));
                await WriteAsync(refusal.ToString(SaveOptions.DisableFormatting), CancellationToken.None).ConfigureAwait(false);
                break;
            case ("message" or "presence", _):
                onEvent(new XmppStanzaReceived(element));
                break;
        }
    }

    /// <summary>An iq answer to <paramref name="request"/>: addressed back to its sender, from its recipient.</summary>
    private XElement Answer(XElement request, string type)
    {
        var answer = new XElement(StanzaNamespace + "iq", new XAttribute("type", type), new XAttribute("id", (string?)request.Attribute("id") ?? ""));
        if ((string?)request.Attribute("from") is { } from)
        {
            answer.SetAttributeValue("to", from);
        }

        if (settings.Mode == XmppMode.Component)
        {
            answer.SetAttributeValue("from", (string?)request.Attribute("to") ?? settings.Domain);
        }

        return answer;
    }

    private static string ErrorCondition(XElement error) =>
        error.Elements().FirstOrDefault(e => e.Name.Namespace == XmppNamespaces.StreamErrors && e.Name.LocalName != "text")?.Name.LocalName ?? "undefined-condition";
}
