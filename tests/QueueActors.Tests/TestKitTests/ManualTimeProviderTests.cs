using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.TestKitTests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Timers_fire_in_due_order_as_the_clock_advances()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["early"], fired);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["early", "late"], fired);
    }

    [Fact]
    public void Due_times_list_each_armed_timer_earliest_first_and_follow_the_clock()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        using var once = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var disarmed = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Equal([start.AddSeconds(2), start.AddSeconds(3)], clock.DueTimes);

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([start.AddSeconds(4)], clock.DueTimes);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(5.5));

        Assert.Equal(5, count);
    }

    [Fact]
    public void A_disposed_timer_never_fires_and_time_still_moves()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = false;
        var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(fired);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.GetUtcNow() - start);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.GetElapsedTime(0));
    }

    [Fact]
    public async Task A_timer_due_at_once_fires_without_an_advance_as_a_system_timer_does()
    {
        var clock = new ManualTimeProvider();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ =>
        {
            Interlocked.Increment(ref ticks);
            fired.TrySetResult();
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(1)); // a periodic one goes on a period later

        Assert.Equal(2, Volatile.Read(ref ticks));
    }
}
