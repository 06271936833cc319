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
public sealed class XmppOutputDeliveryTests(ProsodyFixture prosody, ITestOutputHelper output) : LoggingTestKit(output)
{
    [Fact]
    public async Task Every_stanza_reaches_the_receiving_client_exactly_once_in_order_and_is_reported_sent()
    {
        await using var receiver = await XmppTestClient.ReceiverAsync(prosody.Server);
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender);
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, new Secret(ProsodyFixture.SenderPassword)), LoggerFactory), "xmpp");
        var prefix = "deliver-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 250).Select(i => $"{prefix}-{i}").ToList();

        foreach (var id in ids)
        {
            xmpp.Tell(new SendStanza(new XmppStanza(id, "site-a", receiver.Jid, id)), TestActor);
        }

        var reports = ReceiveN(ids.Count, TimeSpan.FromSeconds(20));
        var messages = await receiver.ExpectMessagesAsync(ids.Count, prefix);
        await receiver.ExpectNoMoreAsync(prefix, TimeSpan.FromMilliseconds(300));

        Assert.Equal(ids, reports.Cast<StanzaSent>().Select(s => s.StanzaId));
        Assert.Equal(ids, messages.Select(m => (string?)m.Attribute("id")));
        Assert.Equal(ids, messages.Select(XmppTestClient.Body));
        Assert.All(messages, m => Assert.StartsWith($"{ProsodyFixture.Sender}@{ProsodyServer.Domain}/", (string?)m.Attribute("from")));
    }

    [Fact]
    public async Task Component_mode_sends_for_two_sites_from_their_own_addresses_over_one_connection()
    {
        await using var receiver = await XmppTestClient.ReceiverAsync(prosody.Server);
        var settings = XmppTestSettings.Component(prosody.Server);
        var connector = new CountingConnector(new XmppConnector(settings, new Secret(prosody.Server.ComponentSecret)));
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, connector, LoggerFactory), "xmpp");
        var prefix = "component-" + Guid.NewGuid().ToString("N")[..8];

        foreach (var (site, i) in new[] { "alpha", "beta" }.SelectMany(site => Enumerable.Range(1, 3).Select(i => (site, i))))
        {
            xmpp.Tell(new SendStanza(new XmppStanza($"{prefix}-{site}-{i}", site, receiver.Jid, $"{prefix} {site} {i}")), TestActor);
        }

        ReceiveN(6, TimeSpan.FromSeconds(10));
        var messages = await receiver.ExpectMessagesAsync(6, prefix);
        await receiver.ExpectNoMoreAsync(prefix, TimeSpan.FromMilliseconds(300));

        var bySender = messages.GroupBy(m => (string?)m.Attribute("from")).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["alpha@component.localhost"] = 3, ["beta@component.localhost"] = 3 }, bySender);
        Assert.Equal(1, connector.Connects);
    }

    [Fact]
    public async Task A_stanza_that_can_never_be_sent_is_rejected_at_once_and_the_rest_still_go_out()
    {
        await using var receiver = await XmppTestClient.ReceiverAsync(prosody.Server);
        var settings = XmppTestSettings.Component(prosody.Server);
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, new Secret(prosody.Server.ComponentSecret)), LoggerFactory), "xmpp");
        var prefix = "reject-" + Guid.NewGuid().ToString("N")[..8];

        xmpp.Tell(new SendStanza(new XmppStanza(prefix + "-bad", "no@such site", receiver.Jid, prefix)), TestActor);
        xmpp.Tell(new SendStanza(new XmppStanza(prefix + "-good", "alpha", receiver.Jid, prefix)), TestActor);

        var rejected = await ExpectMsgAsync<StanzaRejected>();
        await ExpectMsgAsync(new StanzaSent(prefix + "-good"), TimeSpan.FromSeconds(10));
        Assert.Equal(prefix + "-bad", rejected.StanzaId);
        Assert.Contains("local part", rejected.Reason);
        Assert.Single(await receiver.ExpectMessagesAsync(1, prefix));
        await receiver.ExpectNoMoreAsync(prefix, TimeSpan.FromMilliseconds(300));
    }
}
