namespace QueueActors.Actors.Runtime;

/// <summary>
/// An actor's timers on the system's <see cref="TimeProvider"/>. Ticks travel as <see cref="TimerMessage"/>
/// with a generation number; the actor accepts a tick only while that generation is still the key's,
/// which drops ticks of timers cancelled or replaced after the tick was sent.
/// </summary>
internal sealed class TimerScheduler(IActorRef owner, TimeProvider time) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> timers = [];
    private long generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in timers.Values)
        {
            entry.Timer.Dispose();
        }

        timers.Clear();
    }

    /// <summary>True if the tick belongs to a live timer; a single timer is then done.</summary>
    internal bool Accept(TimerMessage tick)
    {
        if (!timers.TryGetValue(tick.Key, out var entry) || entry.Generation != tick.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            timers.Remove(tick.Key);
            entry.Timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var tick = new TimerMessage(key, ++generation, message);
        var timer = time.CreateTimer(static state => ((Tick)state!).Send(), new Tick(owner, tick), dueTime, period);
        timers[key] = new Entry(tick.Generation, period != Timeout.InfiniteTimeSpan, timer);
    }

    private sealed record Entry(long Generation, bool Periodic, ITimer Timer);

    private sealed record Tick(IActorRef Owner, TimerMessage Message)
    {
        public void Send() => Owner.Tell(Message);
    }
}
