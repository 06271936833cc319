using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Supervision;
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
    [InlineData(50)]
    [InlineData(12.5)]
    [InlineData(1000)]
    [InlineData(0.2)]
    [InlineData(7)]
    public void The_bucket_refills_at_the_share_never_above_it_with_a_burst_of_about_50_ms(double perSecond)
    {
        var (tokens, period) = RateGate.BucketFor(perSecond);

        var rate = tokens / period.TotalSeconds;
        Assert.InRange(rate, perSecond * 0.999, perSecond);
        Assert.Equal(Math.Max(1, (int)Math.Floor(perSecond * 0.05)), tokens);
    }
}
