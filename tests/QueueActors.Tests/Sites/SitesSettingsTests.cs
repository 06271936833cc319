using QueueActors.Actors.Config;
using QueueActors.Actors.Sites;
using Xunit;

namespace QueueActors.Tests.Sites;

/// <summary>Sites declared in HOCON: <c>queueactors.sites</c> over <c>queueactors.site-defaults</c>.</summary>
public sealed class SitesSettingsTests
{
    [Fact]
    public void The_reference_declares_no_sites()
    {
        Assert.Empty(SitesSettings.FromConfig(ConfigLoader.Reference).Sites);
    }

    [Fact]
    public void A_site_binds_every_key_and_takes_the_defaults_for_the_ones_it_leaves_out()
    {
        var settings = SitesSettings.FromConfig(ConfigLoader.LoadText("""
            queueactors.sites {
              "example.com" { queues = [email, digest], breakout = [email], concurrency { email = 4 }, xmpp = "news@example.com" }
              quiet { enabled = false }
            }
            """));

        Assert.Equal(["example.com", "quiet"], settings.Sites.Select(s => s.Name));
        var example = settings.Sites[0];
        Assert.True(example.Enabled);
        Assert.Equal(["email", "digest"], example.Queues);
        Assert.Equal(["email"], example.Breakout);
        Assert.Equal(4, example.Concurrency["email"]);
        Assert.Equal("news@example.com", example.Xmpp);
        var quiet = settings.Sites[1];
        Assert.False(quiet.Enabled);
        Assert.Empty(quiet.Queues);
        Assert.Empty(quiet.Breakout);
        Assert.Empty(quiet.Concurrency);
        Assert.Null(quiet.Xmpp);
        Assert.Null(example.Problem());
    }

    [Fact]
    public void Changed_site_defaults_apply_to_every_site()
    {
        var settings = SitesSettings.FromConfig(ConfigLoader.LoadText("queueactors { site-defaults.queues = [email], sites.a {} }"));

        Assert.Equal(["email"], Assert.Single(settings.Sites).Queues);
    }

    [Theory]
    [InlineData("queueactors.sites { \"bad site\" {} }", "queueactors.sites.\"bad site\"")]
    [InlineData("queueactors.sites { a { queues = [\"a.b\"] } }", "queueactors.sites.a.queues")]
    [InlineData("queueactors.sites { \"example.com\" { breakout = [\"../x\"] } }", "queueactors.sites.\"example.com\".breakout")]
    [InlineData("queueactors.sites { a { queues = [email], breakout = [digest] } }", "queueactors.sites.a.breakout")]
    [InlineData("queueactors.sites { a { concurrency { email = 0 } } }", "queueactors.sites.a.concurrency.email")]
    [InlineData("queueactors.sites { a { concurrency { \"e.mail\" = 2 } } }", "queueactors.sites.a.concurrency.\"e.mail\"")]
    [InlineData("queueactors.sites { a { xmpp = \"not a jid\" } }", "queueactors.sites.a.xmpp")]
    [InlineData("queueactors.sites { a { enabled = maybe } }", "queueactors.sites.a.enabled")]
    [InlineData("queueactors.sites { a = 3 }", "queueactors.sites.a")]
    public void A_broken_rule_is_an_error_naming_the_key_and_where_it_was_set(string config, string key)
    {
        var error = Assert.Throws<HoconException>(() => SitesSettings.FromConfig(ConfigLoader.LoadText(config, origin: "app.conf")));

        Assert.Equal(key, error.Path);
        Assert.Equal("app.conf", error.Origin);
        Assert.Equal(1, error.Line);
        Assert.StartsWith($"app.conf:1:", error.Message, StringComparison.Ordinal);
    }
}
