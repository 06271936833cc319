namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// The system clock, counting the timers created: a SQL consumer arms one each time it goes to sleep, so a
/// test can wait until it sleeps before publishing (then only a wake-up can bring it the message).
/// </summary>
public sealed class SleepCountingTime : TimeProvider
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
