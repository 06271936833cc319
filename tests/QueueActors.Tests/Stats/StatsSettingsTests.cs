using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Stats;
using Xunit;

namespace QueueActors.Tests.Stats;

/// <summary><c>queueactors.stats</c>: off by default, a relative directory under the data directory, bad values named.</summary>
public sealed class StatsSettingsTests
{
    [Fact]
    public void Stats_are_off_by_default()
    {
        var stats = ProcessingSettings.FromConfig(ConfigLoader.LoadText("")).Stats;

        Assert.Equal(StatsSettings.Off, stats);
        Assert.False(stats.Enabled);
    }

    [Fact]
    public void A_relative_directory_is_under_the_data_directory()
    {
        var stats = ProcessingSettings.FromConfig(ConfigLoader.LoadText("""
            queueactors.data-directory = "/var/lib/qa"
            queueactors.stats { directory = "stats", interval = 2s, error-log-size = 1MiB }
            """)).Stats;

        Assert.Equal(new StatsSettings("/var/lib/qa/stats", TimeSpan.FromSeconds(2), 1024 * 1024), stats);
        Assert.Equal("/var/lib/qa/stats/shared", stats.FolderOf(null));
    }

    [Theory]
    [InlineData("interval = 0s", "app.conf:1:32: queueactors.stats.interval: expected a duration greater than zero, found \"0s\"")]
    [InlineData("error-log-size = 10", "app.conf:1:38: queueactors.stats.error-log-size: expected a size of at least 1KiB, found 10")]
    public void A_bad_value_names_its_file_line_and_key(string setting, string message)
    {
        var config = ConfigLoader.LoadText($"queueactors.stats {{ {setting} }}", origin: "app.conf");

        var error = Assert.Throws<HoconException>(() => ProcessingSettings.FromConfig(config));

        Assert.Equal(message, error.Message);
    }
}
