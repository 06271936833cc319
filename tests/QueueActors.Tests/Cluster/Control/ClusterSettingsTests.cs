using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Control;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Reference_config_gives_the_control_channel_its_timeout_and_signing()
    {
        var settings = ClusterSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment()));

        Assert.Equal("qa.control", settings.ControlChannel);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Signing.MaxAge);
    }

    [Theory]
    [InlineData("queueactors.cluster.request-timeout = 0s", "queueactors.cluster.request-timeout")]
    [InlineData("queueactors.cluster.control-channel = \"  \"", "queueactors.cluster.control-channel")]
    public void A_timing_or_name_that_breaks_its_rule_is_refused_naming_the_key(string text, string key)
    {
        var config = ConfigLoader.LoadText(text, Hocon.Environment());

        var error = Assert.Throws<HoconException>(() => ClusterSettings.FromConfig(config));

        Assert.Equal(key, error.Path);
    }
}
