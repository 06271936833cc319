using System.Xml.Linq;
using Akka.Actor;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp;

[Collection(ProsodyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class XmppServerPingTests(ProsodyFixture prosody, ITestOutputHelper output) : LoggingTestKit(output)
{
    [Fact]
    public async Task The_output_answers_an_XEP_0199_ping_that_the_server_routes_to_it()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppConnected));
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender);
        Sys.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, new Secret(ProsodyFixture.SenderPassword)), LoggerFactory), "xmpp");
        var jid = (await events.ExpectMsgAsync<XmppConnected>(duration: TimeSpan.FromSeconds(10))).Jid;
        await using var pinger = await XmppTestClient.ReceiverAsync(prosody.Server);

        var answer = await pinger.RoundTripAsync(new XElement(
            XmppNamespaces.Client + "iq", new XAttribute("type", "get"), new XAttribute("to", jid), new XElement(XmppNamespaces.Ping + "ping")));

        Assert.False(answer.IsError);
    }

    [Fact]
    public async Task Other_requests_get_a_service_unavailable_error_rather_than_silence()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppConnected));
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender);
        Sys.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, new Secret(ProsodyFixture.SenderPassword)), LoggerFactory), "xmpp");
        var jid = (await events.ExpectMsgAsync<XmppConnected>(duration: TimeSpan.FromSeconds(10))).Jid;
        await using var asker = await XmppTestClient.ReceiverAsync(prosody.Server);

        var answer = await asker.RoundTripAsync(new XElement(
            XmppNamespaces.Client + "iq", new XAttribute("type", "get"), new XAttribute("to", jid), new XElement(XName.Get("query", "jabber:iq:version"))));

        Assert.True(answer.IsError);
    }
}
