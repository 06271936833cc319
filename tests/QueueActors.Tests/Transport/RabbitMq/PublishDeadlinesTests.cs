using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>The publish timeout's shared tokens: every publish gets at least the timeout, at most an eighth more, and publishes share timers.</summary>
public sealed class PublishDeadlinesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8); // slices of 1 s

    [Fact]
    public void A_token_is_cancelled_once_the_timeout_has_passed_and_not_before()
    {
        var time = new ManualTimeProvider();
        var deadlines = new PublishDeadlines(Timeout, time);

        var token = deadlines.Next();
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1)); // the timeout plus an eighth
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void A_publish_late_in_a_slice_still_gets_the_whole_timeout()
    {
        var time = new ManualTimeProvider();
        var deadlines = new PublishDeadlines(Timeout, time);
        var first = deadlines.Next();
        time.Advance(TimeSpan.FromMilliseconds(999));

        var late = deadlines.Next();
        time.Advance(Timeout);

        Assert.Equal(first, late);
        Assert.False(late.IsCancellationRequested); // 8 s after it started: its timeout has just passed, the slice's has not
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(late.IsCancellationRequested);
    }

    [Fact]
    public void Publishes_within_a_slice_share_one_timer_and_the_next_slice_gets_a_new_one()
    {
        var time = new ManualTimeProvider();
        var deadlines = new PublishDeadlines(Timeout, time);

        var tokens = Enumerable.Range(0, 1_000).Select(_ => deadlines.Next()).ToList();
        Assert.Single(tokens.Distinct());
        Assert.Equal(1, time.TimersCreated);

        time.Advance(TimeSpan.FromSeconds(1));
        var next = deadlines.Next();
        Assert.NotEqual(tokens[0], next);
        Assert.Equal(2, time.TimersCreated);
    }

    [Fact]
    public void A_cancelled_token_is_never_handed_out_even_while_the_clock_says_its_slice_lasts()
    {
        var timers = new ManualTimeProvider();
        var deadlines = new PublishDeadlines(Timeout, new StoppedClock(timers));
        var token = deadlines.Next();
        timers.Advance(TimeSpan.FromSeconds(10)); // its timer fired, yet the timestamp has not moved out of the slice

        var next = deadlines.Next();

        Assert.True(token.IsCancellationRequested);
        Assert.False(next.IsCancellationRequested);
    }

    /// <summary>Timers from a manual clock, timestamps that never move.</summary>
    private sealed class StoppedClock(ManualTimeProvider timers) : TimeProvider
    {
        public override long TimestampFrequency => timers.TimestampFrequency;

        public override long GetTimestamp() => 0;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timers.CreateTimer(callback, state, dueTime, period);
    }
}
