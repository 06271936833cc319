using Akka.Actor;
using QueueActors.Actors.Xmpp;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

public sealed class XmppOutputRejectionTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Theory]
    [InlineData("a site", "cannot be the local part")]
    [InlineData("x@y", "cannot be the local part")]
    [InlineData("", "cannot be the local part")]
    public async Task In_component_mode_a_site_that_cannot_be_a_JID_local_part_is_rejected_and_never_written(string site, string reason)
    {
        Settings = Settings with { Mode = XmppMode.Component, Domain = "component.fake" };
        var xmpp = StartOutput();
        var connection = await Connector.NextConnectionAsync();

        xmpp.Tell(Stanza("bad", site), TestActor);

        var rejected = await ExpectMsgAsync<StanzaRejected>();
        Assert.Equal("bad", rejected.StanzaId);
        Assert.Contains(reason, rejected.Reason);
        await connection.ExpectNoWriteAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_body_with_characters_XML_cannot_carry_is_rejected_and_logged_once()
    {
        var xmpp = StartOutput();
        await Connector.NextConnectionAsync();

        xmpp.Tell(new SendStanza(new XmppStanza("ctl", "site-a", "receiver@fake", "bell \u0007")), TestActor);

        var rejected = await ExpectMsgAsync<StanzaRejected>();
        Assert.Contains("XML cannot carry", rejected.Reason);
        Assert.Single(Logs.Entries, e => e.EventId.Id == 5007);
    }

    [Fact]
    public async Task A_stanza_without_recipient_is_rejected()
    {
        var xmpp = StartOutput();

        xmpp.Tell(new SendStanza(new XmppStanza("norcpt", "site-a", " ", "hello")), TestActor);

        Assert.Equal("norcpt", (await ExpectMsgAsync<StanzaRejected>()).StanzaId);
    }
}
