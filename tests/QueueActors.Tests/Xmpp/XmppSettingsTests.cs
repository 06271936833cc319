using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Xmpp;

public sealed class XmppSettingsTests
{
    [Fact]
    public void Reference_config_is_a_TLS_client_preferring_SCRAM_with_its_secret_in_an_environment_variable()
    {
        var settings = XmppSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment()));

        Assert.Equal(XmppMode.Client, settings.Mode);
        Assert.Equal(XmppTlsMode.Required, settings.Tls);
        Assert.False(settings.AcceptUntrustedCertificate);
        Assert.Equal([XmppSettings.ScramSha1, XmppSettings.Plain], settings.SaslMechanisms);
        Assert.Equal(new SecretSource("", "QUEUEACTORS_XMPP_SECRET"), settings.Secret);
        Assert.Equal("qa.xmpp", settings.OutboxQueue);
        Assert.Equal("localhost", settings.PingTarget);
    }

    [Theory]
    [InlineData("mode = server", "queueactors.xmpp.mode", "client or component")]
    [InlineData("tls = maybe", "queueactors.xmpp.tls", "required, optional or disabled")]
    [InlineData("sasl-mechanisms = [DIGEST-MD5]", "queueactors.xmpp.sasl-mechanisms", "distinct mechanisms")]
    [InlineData("sasl-mechanisms = []", "queueactors.xmpp.sasl-mechanisms", "distinct mechanisms")]
    [InlineData("port = 70000", "queueactors.xmpp.port", "from 1 to 65535")]
    [InlineData("reconnect.max-backoff = 100ms", "queueactors.xmpp.reconnect.max-backoff", "at least reconnect.min-backoff")]
    [InlineData("confirm-batch = 0", "queueactors.xmpp.confirm-batch", "at least 1")]
    [InlineData("outbox.prefetch = 70000", "queueactors.xmpp.outbox.prefetch", "from 1 to 65535")]
    [InlineData("ping-timeout = 0s", "queueactors.xmpp.ping-timeout", "greater than zero")]
    public void Rejects_a_value_that_breaks_its_rule_naming_the_key(string setting, string key, string rule)
    {
        var config = ConfigLoader.LoadText("queueactors.xmpp." + setting, Hocon.Environment(), "app.conf");

        var error = Assert.Throws<HoconException>(() => XmppSettings.FromConfig(config));

        Assert.Equal(key, error.Path);
        Assert.Contains(rule, error.Message);
    }

    [Theory]
    [InlineData("component.example.org", "", "example.org")]
    [InlineData("component.example.org", "xmpp.example.org", "xmpp.example.org")]
    public void A_component_pings_the_server_domain_derived_from_its_own_unless_told(string domain, string serverDomain, string expected)
    {
        var settings = XmppSettings.FromConfig(ConfigLoader.LoadText(
            $"queueactors.xmpp {{ mode = component, domain = \"{domain}\", server-domain = \"{serverDomain}\" }}", Hocon.Environment()));

        Assert.Equal(expected, settings.PingTarget);
    }
}
