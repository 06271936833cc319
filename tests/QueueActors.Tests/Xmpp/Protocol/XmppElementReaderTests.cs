using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using QueueActors.Actors.Xmpp.Protocol;
using Xunit;

namespace QueueActors.Tests.Xmpp.Protocol;

/// <summary>The reader hands over each stanza as soon as its end tag arrived, never waiting for the next.</summary>
public sealed class XmppElementReaderTests : IAsyncLifetime
{
    private const string Header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='localhost' version='1.0'>";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly LoopbackPair server = new();
    private readonly TcpClient client = new();
    private NetworkStream serverSide = null!;

    public async Task InitializeAsync()
    {
        var accept = server.AcceptAsync();
        await client.ConnectAsync("127.0.0.1", server.Port);
        serverSide = await accept;
    }

    [Fact]
    public async Task Returns_each_stanza_without_waiting_for_the_next_one()
    {
        using var reader = new XmppElementReader(client.GetStream());
        await SendAsync(Header + "<message id='m1'><body>one</body></message>");

        var header = await reader.ReadStreamHeaderAsync().WaitAsync(Timeout);
        var first = await reader.ReadElementAsync().WaitAsync(Timeout);
        await SendAsync("<iq type='result' id='p1'/>");
        var second = await reader.ReadElementAsync().WaitAsync(Timeout);

        Assert.Equal("s1", (string?)header.Attribute("id"));
        Assert.Equal(XmppNamespaces.Client + "message", first!.Name);
        Assert.Equal("one", first.Element(XmppNamespaces.Client + "body")?.Value);
        Assert.Equal("p1", (string?)second!.Attribute("id"));
    }

    [Fact]
    public async Task Keeps_namespaces_attributes_nesting_and_escaped_text()
    {
        using var reader = new XmppElementReader(client.GetStream());
        await SendAsync(Header + "<iq type='get' from='a@b/c' xml:lang='en'><ping xmlns='urn:xmpp:ping'/><x xmlns='urn:x'><y>a &amp; b<z/>c</y></x></iq>");

        await reader.ReadStreamHeaderAsync().WaitAsync(Timeout);
        var iq = (await reader.ReadElementAsync().WaitAsync(Timeout))!;

        Assert.Equal("a@b/c", (string?)iq.Attribute("from"));
        Assert.Equal("en", (string?)iq.Attribute(XNamespace.Xml + "lang"));
        Assert.NotNull(iq.Element(XmppNamespaces.Ping + "ping"));
        var y = iq.Element((XNamespace)"urn:x" + "x")!.Element((XNamespace)"urn:x" + "y")!;
        Assert.Equal("a & bc", y.Value);
        Assert.NotNull(y.Element((XNamespace)"urn:x" + "z"));
    }

    [Fact]
    public async Task Reports_the_end_of_the_stream_and_skips_whitespace_keepalives()
    {
        using var reader = new XmppElementReader(client.GetStream());
        await SendAsync(Header + " \n <presence/> \n</stream:stream>");

        await reader.ReadStreamHeaderAsync().WaitAsync(Timeout);

        Assert.Equal("presence", (await reader.ReadElementAsync().WaitAsync(Timeout))!.Name.LocalName);
        Assert.Null(await reader.ReadElementAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Refuses_a_document_type_declaration()
    {
        using var reader = new XmppElementReader(client.GetStream());
        await SendAsync("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>");

        await Assert.ThrowsAsync<System.Xml.XmlException>(() => reader.ReadStreamHeaderAsync().WaitAsync(Timeout));
    }

    public Task DisposeAsync()
    {
        serverSide.Dispose();
        client.Dispose();
        server.Dispose();
        return Task.CompletedTask;
    }

    private async Task SendAsync(string text) => await serverSide.WriteAsync(Encoding.UTF8.GetBytes(text));
}
