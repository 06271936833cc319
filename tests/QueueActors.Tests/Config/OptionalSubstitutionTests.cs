using Xunit;

namespace QueueActors.Tests.Config;

/// <summary><c>${?x}</c>: the configuration first, then the environment, else the key keeps its earlier value or stays unset.</summary>
public sealed class OptionalSubstitutionTests
{
    private const string NodeName = "name = node-1\nname = ${?NODE_NAME}";

    [Fact]
    public void Takes_the_environment_variable_when_it_is_set()
    {
        Assert.Equal("edge-7", Hocon.Resolve(NodeName, ("NODE_NAME", "edge-7")).GetString("name"));
    }

    [Fact]
    public void Keeps_the_earlier_value_when_the_variable_is_unset()
    {
        Assert.Equal("node-1", Hocon.Resolve(NodeName).GetString("name"));
    }

    [Fact]
    public void Treats_an_empty_variable_as_unset()
    {
        Assert.Equal("node-1", Hocon.Resolve(NodeName, ("NODE_NAME", "")).GetString("name"));
    }

    [Fact]
    public void Leaves_the_key_unset_when_there_is_no_earlier_value()
    {
        var config = Hocon.Resolve("a = ${?NOT_SET}\nb = 1");

        Assert.False(config.HasPath("a"));
        Assert.Equal(["b"], config.Keys);
    }

    [Fact]
    public void Prefers_a_setting_in_the_configuration_over_the_environment()
    {
        var config = Hocon.Resolve("HOME = /configured\nhome = ${?HOME}", ("HOME", "/from-env"));

        Assert.Equal("/configured", config.GetString("home"));
    }

    [Fact]
    public void Keeps_the_fallback_value_when_a_user_override_is_unset()
    {
        var reference = Actors.Config.HoconConfig.Parse("port = 5672", "reference.conf");
        var user = Actors.Config.HoconConfig.Parse("port = ${?BROKER_PORT}", "app.conf");
        var layered = user.WithFallback(reference);

        Assert.Equal(5672, layered.Resolve(Hocon.Environment()).GetInt("port"));
        Assert.Equal(5673, layered.Resolve(Hocon.Environment(("BROKER_PORT", "5673"))).GetInt("port"));
    }

    [Fact]
    public void Is_empty_in_a_string_when_unset()
    {
        Assert.Equal("prefix-", Hocon.Resolve("a = prefix-${?NOT_SET}").GetString("a"));
    }

    [Fact]
    public void A_required_substitution_also_reads_the_environment()
    {
        Assert.Equal("/home/q", Hocon.Resolve("home = ${HOME}", ("HOME", "/home/q")).GetString("home"));
    }
}
