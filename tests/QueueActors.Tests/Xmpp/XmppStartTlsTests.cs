using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Xmpp;

[Collection(ProsodyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class XmppStartTlsTests(ProsodyFixture prosody)
{
    [Fact]
    public async Task Upgrades_to_TLS_and_logs_in_when_told_to_accept_the_self_signed_certificate()
    {
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with { Tls = XmppTlsMode.Required, AcceptUntrustedCertificate = true };

        await using var connection = await XmppConnection.ConnectAsync(settings, new Secret(ProsodyFixture.SenderPassword), _ => { }, NullLogger.Instance);

        Assert.True(connection.IsEncrypted);
        Assert.Equal(XmppSettings.ScramSha1, connection.SaslMechanism);
    }

    [Fact]
    public async Task Refuses_the_self_signed_certificate_unless_told_to_accept_it()
    {
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with { Tls = XmppTlsMode.Required, AcceptUntrustedCertificate = false };

        var error = await Assert.ThrowsAsync<XmppException>(() => XmppConnection.ConnectAsync(settings, new Secret(ProsodyFixture.SenderPassword), _ => { }, NullLogger.Instance));

        Assert.Contains("TLS", error.Message);
        Assert.Contains("accept-untrusted-certificate", error.Message);
        Assert.False(error.IsAuthenticationFailure);
    }

    [Fact]
    public async Task Sends_PLAIN_only_over_TLS_when_tls_is_not_disabled()
    {
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with
        {
            Tls = XmppTlsMode.Optional,
            AcceptUntrustedCertificate = true,
            SaslMechanisms = [XmppSettings.Plain],
        };

        await using var connection = await XmppConnection.ConnectAsync(settings, new Secret(ProsodyFixture.SenderPassword), _ => { }, NullLogger.Instance);

        Assert.True(connection.IsEncrypted);
        Assert.Equal(XmppSettings.Plain, connection.SaslMechanism);
    }
}
