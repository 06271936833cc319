using Xunit;

namespace QueueActors.Tests.Config;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250", 250)]
    [InlineData("250ms", 250)]
    [InlineData("250 millis", 250)]
    [InlineData("2s", 2_000)]
    [InlineData("2 seconds", 2_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3m", 180_000)]
    [InlineData("3 minutes", 180_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("\"10 s\"", 10_000)]
    public void Reads_numbers_with_units_and_plain_numbers_as_milliseconds(string written, long milliseconds)
    {
        var config = Hocon.Resolve($"t = {written}");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), config.GetDuration("t"));
    }

    [Theory]
    [InlineData("1500us", 15_000)]
    [InlineData("1500 microseconds", 15_000)]
    [InlineData("300ns", 3)]
    public void Reads_sub_millisecond_units_to_the_nearest_tick(string written, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), Hocon.Resolve($"t = {written}").GetDuration("t"));
    }

    [Fact]
    public void A_bad_unit_is_an_error_at_the_value_naming_the_key()
    {
        var config = Hocon.Resolve("a {\n  t = 5 parsecs\n}");

        var badUnit = Assert.Throws<Actors.Config.HoconException>(() => config.GetDuration("a.t"));

        Assert.StartsWith("test.conf:2:7: a.t: expected a duration such as 500ms, 5s or 1m", badUnit.Message);
        Assert.EndsWith("found \"5 parsecs\"", badUnit.Message);
    }

    [Theory]
    [InlineData("5S")]
    [InlineData("s")]
    [InlineData("1e30d")]
    [InlineData("true")]
    public void Rejects_what_is_not_a_duration(string written)
    {
        var config = Hocon.Resolve($"t = {written}");

        Assert.Throws<Actors.Config.HoconException>(() => config.GetDuration("t"));
    }
}
