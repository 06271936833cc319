namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// The system clock, counting the one-shot timers created: a SQL consumer arms one each time it goes to sleep, so a
/// test can wait until it sleeps before publishing (then only a wake-up can bring it the message). Periodic timers,
/// such as the transport's gone-consumer reaper's, are not counted.
/// </summary>
public sealed class SleepCountingTime : TimeProvider
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _timers);
        }

        return timer;
    }
}
