using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Xmpp;

[Collection(ProsodyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class XmppClientLoginTests(ProsodyFixture prosody)
{
    [Fact]
    public async Task Logs_in_with_SCRAM_SHA_1_when_the_server_offers_it_and_binds_the_resource()
    {
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender, resource: "scram-test");

        await using var connection = await XmppConnection.ConnectAsync(settings, new Secret(ProsodyFixture.SenderPassword), _ => { }, NullLogger.Instance);

        Assert.Equal(XmppSettings.ScramSha1, connection.SaslMechanism);
        Assert.Equal($"{ProsodyFixture.Sender}@{ProsodyServer.Domain}/scram-test", connection.Jid);
    }

    [Fact]
    public async Task Logs_in_with_PLAIN_when_only_PLAIN_is_allowed()
    {
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with { SaslMechanisms = [XmppSettings.Plain] };

        await using var connection = await XmppConnection.ConnectAsync(settings, new Secret(ProsodyFixture.SenderPassword), _ => { }, NullLogger.Instance);

        Assert.Equal(XmppSettings.Plain, connection.SaslMechanism);
        Assert.StartsWith($"{ProsodyFixture.Sender}@{ProsodyServer.Domain}/", connection.Jid);
    }

    [Theory]
    [InlineData(XmppSettings.ScramSha1)]
    [InlineData(XmppSettings.Plain)]
    public async Task A_wrong_password_is_refused_as_an_authentication_failure_that_does_not_show_it(string mechanism)
    {
        const string wrong = "not-the-Pa55word";
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with { SaslMechanisms = [mechanism] };

        var error = await Assert.ThrowsAsync<XmppException>(() => XmppConnection.ConnectAsync(settings, new Secret(wrong), _ => { }, NullLogger.Instance));

        Assert.True(error.IsAuthenticationFailure);
        Assert.Contains("not-authorized", error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
    }
}
