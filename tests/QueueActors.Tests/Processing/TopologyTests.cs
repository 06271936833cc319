using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using Xunit;

namespace QueueActors.Tests.Processing;

public sealed class TopologyTests
{
    private static QueueTopology Topology(string config) => new(MessagingSettings.FromConfig(ConfigLoader.LoadText(config)));

    [Fact]
    public void Without_breakout_rules_every_site_shares_the_queues_multiplexed_broker_queue()
    {
        var topology = Topology("");

        Assert.Equal("qa.email", topology.BrokerQueueFor("a.example", "email"));
        Assert.Equal("qa.email", topology.BrokerQueueFor("b.example", "email"));
        Assert.True(topology.HasSharedQueue("email"));
    }

    [Theory]
    [InlineData("a.example/email", "a.example", "email", true)]
    [InlineData("a.example/email", "b.example", "email", false)]
    [InlineData("a.example/email", "a.example", "digest", false)]
    [InlineData("*/email", "any.site", "email", true)]
    [InlineData("*/email", "any.site", "digest", false)]
    [InlineData("a.example/*", "a.example", "digest", true)]
    [InlineData("a.example/*", "b.example", "digest", false)]
    public void A_breakout_rule_gives_matching_pairs_their_own_broker_queue(string rule, string site, string queue, bool brokenOut)
    {
        var topology = Topology($"queueactors.messaging.breakout = [\"{rule}\"]");

        Assert.Equal(brokenOut, topology.IsBreakout(site, queue));
        Assert.Equal(brokenOut ? $"qa.{site}.{queue}" : $"qa.{queue}", topology.BrokerQueueFor(site, queue));
    }

    [Fact]
    public void A_wildcard_site_rule_leaves_the_queue_without_a_shared_broker_queue()
    {
        var topology = Topology("queueactors.messaging.breakout = [\"*/email\", \"a/digest\"]");

        Assert.False(topology.HasSharedQueue("email"));
        Assert.True(topology.HasSharedQueue("digest"));
        Assert.Equal(["a"], topology.NamedSites);
    }

    [Fact]
    public void Persistent_queues_are_durable_and_the_others_transient()
    {
        var topology = Topology("queueactors.messaging { persistent = [email], breakout = [\"a/*\"] }");

        Assert.True(topology.SpecFor("a", "email").Durable);
        Assert.True(topology.SpecFor("b", "email").Durable);
        Assert.False(topology.SpecFor("a", "digest").Durable);
        Assert.True(topology.DeadLetterSpec.Durable);
    }

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("email")]
    [InlineData("a/em.ail")]
    [InlineData("../x/email")]
    public void A_malformed_breakout_rule_is_a_configuration_error_naming_the_key(string rule)
    {
        var error = Assert.Throws<HoconException>(() => MessagingSettings.FromConfig(ConfigLoader.LoadText($"queueactors.messaging.breakout = [\"{rule}\"]")));

        Assert.Equal("queueactors.messaging.breakout", error.Path);
    }

    [Theory]
    [InlineData("../etc", "email")]
    [InlineData("site", "a.b")]
    [InlineData("", "email")]
    [InlineData("site", "with space")]
    public void Invalid_site_or_queue_names_are_refused(string site, string queue)
    {
        Assert.Throws<ArgumentException>(() => Topology("").BrokerQueueFor(site, queue));
    }
}
