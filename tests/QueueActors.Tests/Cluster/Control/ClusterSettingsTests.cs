using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Control;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Reference_config_gives_the_control_channel_and_membership_timings()
    {
        var settings = ClusterSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment()));

        Assert.Equal("qa.control", settings.ControlChannel);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FailureDetection);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.GoneAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Signing.MaxAge);
    }

    [Theory]
    [InlineData("queueactors.cluster.failure-detection = 2s", "queueactors.cluster.failure-detection")]
    [InlineData("queueactors.cluster.gone-after = 10s", "queueactors.cluster.gone-after")]
    [InlineData("queueactors.cluster.heartbeat-interval = 0s", "queueactors.cluster.heartbeat-interval")]
    [InlineData("queueactors.cluster.request-timeout = 0s", "queueactors.cluster.request-timeout")]
    [InlineData("queueactors.cluster.control-channel = \"  \"", "queueactors.cluster.control-channel")]
    public void A_timing_or_name_that_breaks_its_rule_is_refused_naming_the_key(string text, string key)
    {
        var config = ConfigLoader.LoadText(text, Hocon.Environment());

        var error = Assert.Throws<HoconException>(() => ClusterSettings.FromConfig(config));

        Assert.Equal(key, error.Path);
    }
}
