using System.Xml;
using System.Xml.Linq;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// Reads an XMPP stream (one long XML document) one top-level element at a time with an async
/// <see cref="XmlReader"/>. Elements are built node by node rather than with <c>XNode.ReadFrom</c>, which reads
/// past an element's end tag: on a live stream that waits for the server's next stanza, which may never come.
/// One reader per stream: after STARTTLS or SASL the stream restarts, and so does the reader.
/// </summary>
internal sealed class XmppElementReader : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        CloseInput = false,
        DtdProcessing = DtdProcessing.Prohibit, // RFC 6120 §11.1: no DTDs, so no entity expansion attacks
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly XNamespace XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private readonly XmlReader reader;

    public XmppElementReader(Stream stream) => reader = XmlReader.Create(stream, Settings);

    /// <summary>Reads up to the server's <c>&lt;stream:stream&gt;</c> and returns it without children.</summary>
    public async Task<XElement> ReadStreamHeaderAsync()
    {
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName != "stream" || reader.NamespaceURI != XmppNamespaces.Streams.NamespaceName)
                {
                    throw new XmppException($"Expected a stream header but the server sent <{reader.Name}>.");
                }

                return StartElement(out _);
            }
        }

        throw new XmppException("The server closed the connection before opening its stream.");
    }

    /// <summary>The next child of the stream, or null when the server closed the stream or the connection.</summary>
    public async Task<XElement?> ReadElementAsync()
    {
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return await ReadSubtreeAsync().ConfigureAwait(false);
                case XmlNodeType.EndElement:
                    return null; // </stream:stream>
                default:
                    continue; // whitespace keepalives between stanzas
            }
        }

        return null;
    }

    public void Dispose() => reader.Dispose();

    private async Task<XElement> ReadSubtreeAsync()
    {
        var root = StartElement(out var empty);
        if (empty)
        {
            return root;
        }

        var current = root;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = StartElement(out var childEmpty);
                    current.Add(child);
                    current = childEmpty ? current : child;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(await reader.GetValueAsync().ConfigureAwait(false)));
                    break;
                case XmlNodeType.EndElement when ReferenceEquals(current, root):
                    return root; // do not read on: the next stanza may be far away
                case XmlNodeType.EndElement:
                    current = current.Parent!;
                    break;
            }
        }

        throw new EndOfStreamException($"The connection closed in the middle of a <{root.Name.LocalName}>.");
    }

    private XElement StartElement(out bool empty)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        empty = reader.IsEmptyElement;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != XmlnsNamespace.NamespaceName)
                {
                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return element;
    }
}
