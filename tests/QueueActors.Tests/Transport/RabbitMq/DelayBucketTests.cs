using QueueActors.Actors.Transport.RabbitMq;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

public sealed class DelayBucketTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(200, 200)]
    [InlineData(201, 210)]
    [InlineData(1234, 1300)]
    [InlineData(37_000, 37_000)]
    [InlineData(123_456, 130_000)]
    public void Delays_round_up_to_two_significant_digits(long ms, long bucket)
    {
        Assert.Equal(bucket, DelayBucket.RoundUp(ms));
    }

    [Fact]
    public void Durable_and_transient_targets_use_separate_buckets()
    {
        Assert.Equal("qa.delay.1300", DelayBucket.For(TimeSpan.FromMilliseconds(1234), durable: true).Name);
        Assert.Equal("qa.delay.transient.1300", DelayBucket.For(TimeSpan.FromMilliseconds(1234), durable: false).Name);
    }
}
