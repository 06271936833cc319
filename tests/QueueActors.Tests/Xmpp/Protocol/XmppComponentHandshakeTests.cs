using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using Xunit;

namespace QueueActors.Tests.Xmpp.Protocol;

/// <summary>A scripted server on a loopback socket plays the XEP-0114 side of a component connection.</summary>
public sealed class XmppComponentHandshakeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly LoopbackPair server = new();
    private readonly Secret secret = new("sync-secret");

    [Fact]
    public void The_handshake_is_the_lower_case_hex_SHA1_of_stream_id_and_secret()
    {
        Assert.Equal("78a8b0a9ab1df8a1333a6ceffb53aafcd5579cec", XmppConnection.HandshakeDigest("3BF96D75", secret));
    }

    [Fact]
    public async Task Shakes_hands_and_answers_a_ping_from_the_server_with_a_result_from_its_own_domain()
    {
        var connecting = XmppConnection.ConnectAsync(Settings(), secret, _ => { }, NullLogger.Instance);
        await using var serverSide = await server.AcceptAsync();
        using var reader = new XmppElementReader(serverSide);

        var header = await reader.ReadStreamHeaderAsync().WaitAsync(Timeout);
        await WriteAsync(serverSide, "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' id='3BF96D75' from='component.fake'>");
        var handshake = await reader.ReadElementAsync().WaitAsync(Timeout);
        await WriteAsync(serverSide, "<handshake/>");
        await using var connection = await connecting.WaitAsync(Timeout);
        await WriteAsync(serverSide, "<iq type='get' id='srv-1' from='fake' to='component.fake'><ping xmlns='urn:xmpp:ping'/></iq>");
        var answer = await reader.ReadElementAsync().WaitAsync(Timeout);

        Assert.Equal("component.fake", (string?)header.Attribute("to"));
        Assert.Equal("78a8b0a9ab1df8a1333a6ceffb53aafcd5579cec", handshake!.Value);
        Assert.Equal(XmppNamespaces.Component + "iq", answer!.Name);
        Assert.Equal(("result", "srv-1", "fake", "component.fake"), ((string?)answer.Attribute("type"), (string?)answer.Attribute("id"), (string?)answer.Attribute("to"), (string?)answer.Attribute("from")));
    }

    [Fact]
    public async Task A_refused_handshake_is_an_authentication_failure_that_does_not_show_the_secret()
    {
        var connecting = XmppConnection.ConnectAsync(Settings(), secret, _ => { }, NullLogger.Instance);
        await using var serverSide = await server.AcceptAsync();
        using var reader = new XmppElementReader(serverSide);
        await reader.ReadStreamHeaderAsync().WaitAsync(Timeout);
        await WriteAsync(serverSide, "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' id='x1' from='component.fake'>");
        await reader.ReadElementAsync().WaitAsync(Timeout);

        await WriteAsync(serverSide, "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");

        var error = await Assert.ThrowsAsync<XmppException>(() => connecting.WaitAsync(Timeout));
        Assert.True(error.IsAuthenticationFailure);
        Assert.DoesNotContain("sync-secret", error.ToString());
    }

    public void Dispose() => server.Dispose();

    private XmppSettings Settings() => XmppTestSettings.Defaults with
    {
        Mode = XmppMode.Component,
        Port = server.Port,
        Domain = "component.fake",
        ConnectTimeout = Timeout,
    };

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
