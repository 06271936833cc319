using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.TestKit;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Processing.RateLimits;

public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("50/s", 50)]
    [InlineData("600/m", 10)]
    [InlineData("0.5/s", 0.5)]
    public void A_limit_reads_per_second_or_per_minute(string text, double perSecond) =>
        Assert.Equal(perSecond, RateLimit.TryParse(text)!.EventsPerSecond, 9);

    [Theory]
    [InlineData("50")]
    [InlineData("50/h")]
    [InlineData("0/s")]
    [InlineData("-3/s")]
    [InlineData("fast")]
    public void Anything_else_is_not_a_limit(string text) => Assert.Null(RateLimit.TryParse(text));

    [Fact]
    public void A_queue_override_sets_the_limit_and_the_default_is_off()
    {
        var settings = ProcessingSettings.FromConfig(ConfigLoader.LoadText("queueactors.processing.queue-overrides.email { rate-limit = 50/s }", Hocon.Environment()));

        Assert.Equal(50, settings.ForQueue("email").RateLimit!.EventsPerSecond);
        Assert.Null(settings.ForQueue("digest").RateLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RateLimitRecount);
    }

    [Fact]
    public void A_bad_limit_is_refused_naming_the_forms_it_takes()
    {
        var error = Assert.Throws<HoconException>(() => ProcessingSettings.FromConfig(ConfigLoader.LoadText("queueactors.processing.queue-defaults.rate-limit = lots", Hocon.Environment())));

        Assert.Contains("50/s or 600/m", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 30)]
    [InlineData(3, 20)]
    [InlineData(0, 60)] // no consumer counted (not even this node): the whole limit rather than none
    public void Each_consuming_node_takes_an_equal_share(int consumers, double share) =>
        Assert.Equal(share, new RateLimit(60).ShareFor(consumers), 9);

    [Theory]
    [InlineData(20, 2)]
    [InlineData(1000, 50)]
    [InlineData(0.2, 2)]
    public void The_burst_is_about_50_ms_of_the_share_and_at_least_2(double perSecond, int burst) =>
        Assert.Equal(burst, RateGate.BurstFor(perSecond));

    [Fact]
    public void The_bucket_starts_full_then_lets_events_go_at_the_share_and_says_when_the_next_is_due()
    {
        var time = new ManualTimeProvider();
        var gate = new RateGate(20, time);

        Assert.Equal(2, gate.Take(5)); // the burst
        Assert.Equal(0, gate.Take(1));
        Assert.Equal(TimeSpan.FromMilliseconds(50), gate.UntilNextToken);

        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(gate.HasToken);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, gate.Take(5));

        time.Advance(TimeSpan.FromSeconds(10)); // a quiet spell fills it up to the burst, no more
        Assert.Equal(2, gate.Take(100));
    }

    [Fact]
    public void Over_a_second_the_bucket_lets_through_the_share_plus_the_burst_however_often_it_is_asked()
    {
        var time = new ManualTimeProvider();
        var gate = new RateGate(50, time);
        var granted = 0;
        for (var ms = 0; ms < 1000; ms += 7) // asked at odd moments: no token is lost or made up
        {
            granted += gate.Take(100);
            time.Advance(TimeSpan.FromMilliseconds(7));
        }

        Assert.InRange(granted, 50, 50 + gate.Burst);
    }
}
