using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using Xunit;

namespace QueueActors.Tests.Processing.Runtime;

public sealed class RuntimeBreakoutTests
{
    private static QueueTopology Topology(string config = "") => new(MessagingSettings.FromConfig(ConfigLoader.LoadText(config)));

    [Fact]
    public void A_site_broken_out_at_runtime_is_routed_to_its_own_queues_until_its_rules_are_removed()
    {
        var topology = Topology();

        topology.SetSiteBreakout("acme", ["email", "digest"]);

        Assert.Equal("qa.acme.email", topology.BrokerQueueFor("acme", "email"));
        Assert.Equal("qa.acme.digest", topology.SpecFor("acme", "digest").BrokerQueue);
        Assert.Equal("qa.push", topology.BrokerQueueFor("acme", "push"));
        Assert.Equal("qa.email", topology.BrokerQueueFor("other", "email"));
        Assert.True(topology.HasSharedQueue("email"));
        Assert.Contains("acme", topology.NamedSites);
        Assert.Equal(["digest", "email"], topology.RuntimeBreakout["acme"].Order());

        topology.SetSiteBreakout("acme", ["digest"]);
        Assert.Equal("qa.email", topology.BrokerQueueFor("acme", "email"));

        topology.SetSiteBreakout("acme", []);
        Assert.Equal("qa.digest", topology.BrokerQueueFor("acme", "digest"));
        Assert.DoesNotContain("acme", topology.NamedSites);
        Assert.Empty(topology.RuntimeBreakout);
    }

    [Fact]
    public void Runtime_rules_add_to_the_configured_ones_and_never_take_them_away()
    {
        var topology = Topology("queueactors.messaging.breakout = [\"acme/email\"]");

        topology.SetSiteBreakout("acme", ["digest"]);
        Assert.True(topology.IsBreakout("acme", "email"));
        Assert.True(topology.IsBreakout("acme", "digest"));

        topology.SetSiteBreakout("acme", []);
        Assert.True(topology.IsBreakout("acme", "email"));
        Assert.False(topology.IsBreakout("acme", "digest"));
    }

    [Fact]
    public void Invalid_names_are_refused_and_change_nothing()
    {
        var topology = Topology();

        Assert.Throws<ArgumentException>(() => topology.SetSiteBreakout("acme", ["no.dots"]));
        Assert.Throws<ArgumentException>(() => topology.SetSiteBreakout("bad/site", ["email"]));
        Assert.Empty(topology.RuntimeBreakout);
    }

    [Fact]
    public async Task Concurrent_updates_of_different_sites_all_take_effect()
    {
        var topology = Topology();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => topology.SetSiteBreakout("site" + i, ["email"]))));

        Assert.Equal(50, topology.RuntimeBreakout.Count);
        Assert.All(Enumerable.Range(0, 50), i => Assert.True(topology.IsBreakout("site" + i, "email")));
    }
}
