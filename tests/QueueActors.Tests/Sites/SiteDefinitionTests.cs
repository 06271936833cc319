using QueueActors.Actors.Sites;
using Xunit;

namespace QueueActors.Tests.Sites;

/// <summary>A site definition's rules, each broken one named in a clear message.</summary>
public sealed class SiteDefinitionTests
{
    [Fact]
    public void A_minimal_definition_is_valid_and_serves_every_queue()
    {
        var site = new SiteDefinition { Name = "example.com" }.Validate();

        Assert.True(site.Enabled);
        Assert.Empty(site.Queues);
        Assert.Null(site.Xmpp);
    }

    [Theory]
    [InlineData("", null, null, null, null, "'' is not a valid site name")]
    [InlineData("../etc", null, null, null, null, "is not a valid site name")]
    [InlineData("s", "a.b", null, null, null, "Site s: queues: 'a.b' is not a valid queue name")]
    [InlineData("s", null, "x y", null, null, "Site s: breakout: 'x y' is not a valid queue name")]
    [InlineData("s", "email", "digest", null, null, "Site s: breakout: queue digest is not among the site's queues (email)")]
    [InlineData("s", null, null, "email", 0, "Site s: concurrency of email must be from 1 to 65535, not 0")]
    [InlineData("s", null, null, "email", 70000, "Site s: concurrency of email must be from 1 to 65535, not 70000")]
    [InlineData("s", null, null, "e/mail", 2, "Site s: concurrency: 'e/mail' is not a valid queue name")]
    public void A_broken_rule_is_named(string name, string? queue, string? breakout, string? concurrencyQueue, int? concurrency, string expected)
    {
        var site = new SiteDefinition
        {
            Name = name,
            Queues = queue is null ? [] : [queue],
            Breakout = breakout is null ? [] : [breakout],
            Concurrency = concurrencyQueue is null ? new Dictionary<string, int>() : new Dictionary<string, int> { [concurrencyQueue] = concurrency!.Value },
        };

        var error = Assert.Throws<ArgumentException>(() => site.Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news@example.com", true)]
    [InlineData("news@example.com/bot", true)]
    [InlineData("example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("a@b@c", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("news@example.com/", false)]
    public void The_xmpp_account_must_be_a_jid(string jid, bool valid)
    {
        var site = new SiteDefinition { Name = "s", Xmpp = jid };

        Assert.Equal(valid, site.Problem() is null);
        if (!valid)
        {
            Assert.Contains("Site s: xmpp:", site.Problem(), StringComparison.Ordinal);
        }
    }
}
