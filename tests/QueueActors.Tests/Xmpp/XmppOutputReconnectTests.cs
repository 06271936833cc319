using Akka.Actor;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp;

/// <summary>
/// The server goes away and comes back. The actor's reconnect timer runs on Akka's test scheduler, so the test decides
/// when it reconnects: after the receiving client is back, so that every stanza has someone to reach.
/// </summary>
[Collection(ProsodyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class XmppOutputReconnectTests(ProsodyFixture prosody, ITestOutputHelper output) : LoggingTestKit(output, testScheduler: true)
{
    [Fact]
    public async Task Stanzas_sent_while_the_server_is_down_are_kept_and_delivered_exactly_once_after_it_is_back()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppConnected));
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppDisconnected));
        var receiverSettings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Receiver, resource: "reconnect-receiver");
        var receiver = await XmppTestClient.ConnectAsync(receiverSettings, ProsodyFixture.ReceiverPassword);
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender);
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, new Secret(ProsodyFixture.SenderPassword)), LoggerFactory), "xmpp");
        await events.ExpectMsgAsync<XmppConnected>(duration: TimeSpan.FromSeconds(10));
        var before = Send(xmpp, receiver.Jid, "before", 5);
        ReceiveN(5, TimeSpan.FromSeconds(10));
        await receiver.ExpectMessagesAsync(5, before);

        await prosody.Server.StopAsync();
        await events.ExpectMsgAsync<XmppDisconnected>(duration: TimeSpan.FromSeconds(10));
        await receiver.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await receiver.DisposeAsync();
        var during = Send(xmpp, receiver.Jid, "during", 5);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        await prosody.Server.StartAsync();
        await using var back = await XmppTestClient.ConnectAsync(receiverSettings, ProsodyFixture.ReceiverPassword);
        Scheduler.Advance(settings.MaxBackoff);

        await events.ExpectMsgAsync<XmppConnected>(duration: TimeSpan.FromSeconds(10));
        var reports = ReceiveN(5, TimeSpan.FromSeconds(10));
        var messages = await back.ExpectMessagesAsync(5, during);
        await back.ExpectNoMoreAsync("", TimeSpan.FromMilliseconds(300));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{during}-{i}"), reports.Cast<StanzaSent>().Select(s => s.StanzaId));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{during}-{i}"), messages.Select(m => (string?)m.Attribute("id")));
    }

    private string Send(IActorRef xmpp, string to, string phase, int count)
    {
        var prefix = $"{phase}-{Guid.NewGuid().ToString("N")[..8]}";
        for (var i = 1; i <= count; i++)
        {
            xmpp.Tell(new SendStanza(new XmppStanza($"{prefix}-{i}", "site-a", to, $"{prefix}-{i}")), TestActor);
        }

        return prefix;
    }
}
