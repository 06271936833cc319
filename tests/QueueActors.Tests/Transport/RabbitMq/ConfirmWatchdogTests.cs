using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>The publish timeout without a token per publish: a server is stuck when publishes wait and none finished for the timeout.</summary>
public sealed class ConfirmWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8); // checks every second

    [Fact]
    public void Publishes_waiting_with_none_finished_for_the_timeout_make_the_server_stuck_and_not_before()
    {
        var time = new ManualTimeProvider();
        var watchdog = new ConfirmWatchdog(Timeout, time);
        watchdog.Started();

        Assert.False(watchdog.IsStuck()); // the first check that sees it waiting starts the count
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(watchdog.IsStuck());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(watchdog.IsStuck());
        Assert.False(watchdog.IsStuck()); // reported once; it counts afresh
    }

    [Fact]
    public void A_server_that_confirms_now_and_then_is_not_stuck_however_long_publishes_keep_waiting()
    {
        var time = new ManualTimeProvider();
        var watchdog = new ConfirmWatchdog(Timeout, time);
        watchdog.Started();
        for (var i = 0; i < 20; i++)
        {
            watchdog.Started();
            watchdog.Finished(); // one finishes, another waits
            Assert.False(watchdog.IsStuck());
            time.Advance(Timeout / 2);
        }
    }

    [Fact]
    public void An_idle_server_is_never_stuck_and_a_publish_after_a_long_idle_gets_the_whole_timeout()
    {
        var time = new ManualTimeProvider();
        var watchdog = new ConfirmWatchdog(Timeout, time);
        watchdog.Started();
        watchdog.Finished();
        for (var i = 0; i < 3; i++)
        {
            Assert.False(watchdog.IsStuck());
            time.Advance(Timeout);
        }

        watchdog.Started();
        Assert.False(watchdog.IsStuck());
        time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(watchdog.IsStuck());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(watchdog.IsStuck());
    }

    [Fact]
    public void It_is_checked_every_eighth_of_the_timeout() =>
        Assert.Equal(TimeSpan.FromSeconds(1), new ConfirmWatchdog(Timeout, new ManualTimeProvider()).CheckInterval);
}
