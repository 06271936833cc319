using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>Where a node's seed nodes and remoting port come from, and what addresses are accepted.</summary>
public sealed class NodeSeedsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("127.0.0.1:4053", "akka.tcp://queueactors@127.0.0.1:4053")]
    [InlineData("seed.example:4053", "akka.tcp://queueactors@seed.example:4053")]
    [InlineData("akka.tcp://queueactors@10.0.0.5:4053", "akka.tcp://queueactors@10.0.0.5:4053")]
    public void Host_port_and_full_addresses_are_accepted(string seed, string address) =>
        Assert.Equal(address, NodeSeeds.TryNormalize(seed));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("akka.tcp://othersystem@127.0.0.1:4053")]
    [InlineData(":4053")]
    public void Anything_else_is_refused(string seed) => Assert.Null(NodeSeeds.TryNormalize(seed));

    [Fact]
    public void The_option_takes_comma_separated_seeds() =>
        Assert.Equal(["akka.tcp://queueactors@127.0.0.1:4053", "akka.tcp://queueactors@127.0.0.1:4054"], NodeSeeds.Parse("127.0.0.1:4053, akka.tcp://queueactors@127.0.0.1:4054"));

    [Fact]
    public void No_seed_nodes_anywhere_means_a_cluster_of_one() =>
        Assert.Empty(NodeSeeds.FromConfig(ConfigLoader.LoadText("", NoEnvironment), NoEnvironment));

    [Fact]
    public void The_variable_gives_seeds_and_the_files_seed_nodes_win_over_it()
    {
        Func<string, string?> environment = name => name == NodeSeeds.Variable ? "127.0.0.1:4053,127.0.0.1:4054" : null;

        Assert.Equal(2, NodeSeeds.FromConfig(ConfigLoader.LoadText("", environment), environment).Count);
        Assert.Equal(["akka.tcp://queueactors@10.0.0.1:5000"], NodeSeeds.FromConfig(ConfigLoader.LoadText("akka.cluster.seed-nodes = [\"10.0.0.1:5000\"]", environment), environment));
    }

    [Fact]
    public void A_bad_seed_in_the_file_names_the_key()
    {
        var error = Assert.Throws<HoconException>(() => NodeSeeds.FromConfig(ConfigLoader.LoadText("akka.cluster.seed-nodes = [\"no-port\"]", NoEnvironment), NoEnvironment));

        Assert.Contains("seed-nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remoting_binds_loopback_on_any_free_port_unless_configured_and_the_variable_sets_the_port()
    {
        Assert.Equal(new NodeRemoting("127.0.0.1", 0, ""), NodeRemoting.FromConfig(ConfigLoader.LoadText("", NoEnvironment)));
        Assert.Equal(4053, NodeRemoting.FromConfig(ConfigLoader.LoadText("", name => name == NodeRemoting.PortVariable ? "4053" : null)).Port);
        Assert.Throws<HoconException>(() => NodeRemoting.FromConfig(ConfigLoader.LoadText("queueactors.cluster.remoting.port = 70000", NoEnvironment)));
    }
}
