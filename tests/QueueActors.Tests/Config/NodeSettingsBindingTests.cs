using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

public sealed class NodeSettingsBindingTests
{
    [Theory]
    [InlineData("queueactors.node.roles = [worker, boss]", "queueactors.node.roles", "a non-empty list of roles among worker, seed", "[\"worker\", \"boss\"]")]
    [InlineData("queueactors.node.roles = []", "queueactors.node.roles", "a non-empty list of roles among worker, seed", "[]")]
    [InlineData("queueactors.node.name = \"  \"", "queueactors.node.name", "a non-empty string", "\"  \"")]
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
    public void Roles_can_be_extended_with_append()
    {
        var config = ConfigLoader.LoadText("queueactors.node.roles = [seed]\nqueueactors.node.roles += worker", Hocon.Environment());

        Assert.Equal(["seed", "worker"], NodeSettings.FromConfig(config).Roles);
    }
}
