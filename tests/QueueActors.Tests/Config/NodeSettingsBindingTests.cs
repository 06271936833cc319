using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

public sealed class NodeSettingsBindingTests
{
    [Theory]
    [InlineData("queueactors.node.roles = [worker, boss]", "queueactors.node.roles", "a non-empty list of roles among worker, seed", "[\"worker\", \"boss\"]")]
    [InlineData("queueactors.node.roles = []", "queueactors.node.roles", "a non-empty list of roles among worker, seed", "[]")]
    [InlineData("queueactors.node.name = \"  \"", "queueactors.node.name", "a non-empty string", "\"\"")] // Akka.NET trims string values
    [InlineData("queueactors.shutdown-timeout = 0s", "queueactors.shutdown-timeout", "a duration greater than zero", "\"0s\"")]
    public void Rejects_a_value_that_breaks_its_rule(string setting, string key, string rule, string found)
    {
        var config = ConfigLoader.LoadText(setting, Hocon.Environment(), "app.conf");

        var error = Assert.Throws<HoconException>(() => NodeSettings.FromConfig(config));

        Assert.Equal(key, error.Path);
        Assert.Equal("app.conf", error.Origin);
        Assert.EndsWith($"{key}: expected {rule}, found {found}", error.Message);
    }

    [Fact]
    public void Roles_are_written_as_a_whole_list_because_Akka_has_no_append()
    {
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText("queueactors.node.roles = [seed]\nqueueactors.node.roles += worker", Hocon.Environment()));

        Assert.StartsWith("<string>:2:24: queueactors.node.roles: expected '=' or ':', found '+='", error.Message);
        Assert.Equal(["seed", "worker"], NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node.roles = [seed, worker]", Hocon.Environment())).Roles);
    }
}
