using Xunit;

namespace QueueActors.Tests.Config;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("512", 512)]
    [InlineData("512B", 512)]
    [InlineData("512 bytes", 512)]
    [InlineData("1K", 1024)]
    [InlineData("1k", 1024)]
    [InlineData("1KiB", 1024)]
    [InlineData("1.5K", 1536)]
    [InlineData("2M", 2 * 1024 * 1024)]
    [InlineData("2MiB", 2 * 1024 * 1024)]
    [InlineData("3G", 3L * 1024 * 1024 * 1024)]
    [InlineData("3 GiB", 3L * 1024 * 1024 * 1024)]
    [InlineData("1kB", 1000)]
    [InlineData("1KB", 1000)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("3GB", 3_000_000_000)]
    public void Reads_binary_and_decimal_units_and_plain_numbers_as_bytes(string written, long bytes)
    {
        Assert.Equal(bytes, Hocon.Resolve($"size = {written}").GetBytes("size"));
    }

    [Theory]
    [InlineData("0.3K")]
    [InlineData("10 parsecs")]
    [InlineData("100000E")]
    [InlineData("1.5B")]
    public void Rejects_fractional_bytes_unknown_units_and_overflow(string written)
    {
        var config = Hocon.Resolve($"size = {written}");

        var error = Assert.Throws<Actors.Config.HoconException>(() => config.GetBytes("size"));

        Assert.StartsWith("test.conf:1:8: size: expected a size such as 512K", error.Message);
    }
}
