using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

public sealed class DelayBucketTests
{
    private static readonly RetryBackoff DefaultBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), 0.2);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 12)]
    [InlineData(20, 20)]
    [InlineData(1234, 1280)]
    [InlineData(1280, 1280)]
    [InlineData(1281, 1437)]
    public void Delays_round_up_to_the_next_bucket(long ms, long bucket)
    {
        Assert.Equal(bucket, DelayBucket.RoundUp(ms));
    }

    [Fact]
    public void A_bucket_never_waits_less_than_the_delay_and_at_most_an_eighth_longer()
    {
        for (long ms = 1; ms < 5_000_000; ms = (ms * 21 / 20) + 1)
        {
            var bucket = DelayBucket.RoundUp(ms);
            Assert.InRange(bucket, ms, Math.Max(10, (long)Math.Ceiling(ms * 1.125)));
            Assert.Equal(bucket, DelayBucket.RoundUp(bucket)); // a bucket is its own bucket
        }
    }

    [Fact]
    public void Jittered_retries_of_the_default_backoff_use_a_few_dozen_buckets_at_most()
    {
        // Two significant digits made one queue per distinct delay: several hundred for this backoff.
        var buckets = new HashSet<long>();
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            for (var r = 0; r <= 1000; r++)
            {
                buckets.Add(DelayBucket.For(DefaultBackoff.DelayFor(attempt, r / 1001.0), durable: true).Milliseconds);
            }
        }

        Assert.InRange(buckets.Count, 1, 60);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void Jittered_retries_stay_within_the_jitter_and_still_spread_over_several_buckets(int attempt)
    {
        var raw = DefaultBackoff.DelayFor(attempt, 0.5).TotalMilliseconds; // the middle: no spread
        var buckets = new HashSet<long>();
        for (var r = 0; r <= 1000; r++)
        {
            var bucket = DelayBucket.For(DefaultBackoff.DelayFor(attempt, r / 1001.0), durable: true).Milliseconds;
            Assert.InRange(bucket, raw * 0.8, raw * 1.2 * 1.125);
            buckets.Add(bucket);
        }

        // Events that failed together still come back at different times, not all in one bucket.
        Assert.True(buckets.Count >= 3, $"±20 % over {buckets.Count} bucket(s)");
    }

    [Fact]
    public void Durable_and_transient_targets_use_separate_buckets_that_expire_when_unused()
    {
        var durable = DelayBucket.For(TimeSpan.FromMilliseconds(1234), durable: true);
        Assert.Equal("qa.delay.1280ms", durable.Name);
        Assert.Equal("qa.delay.transient.1280ms", DelayBucket.For(TimeSpan.FromMilliseconds(1234), durable: false).Name);
        var expires = Assert.IsType<long>(durable.QueueArguments()["x-expires"]);
        Assert.True(expires > durable.Milliseconds + DelayBucket.RenewEvery.TotalMilliseconds, "a bucket in use must outlive its messages between two renewals");
    }
}
