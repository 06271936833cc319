namespace QueueActors.TestKit;

/// <summary>
/// A clock that moves only when the test says so: timers, backoffs and restart windows built on an
/// injected <see cref="TimeProvider"/> fire on <see cref="Advance"/>, never by waiting. A timer set with a due time of
/// zero fires at once, on the thread pool, as the system's timers do: code that sets its timer for a time the clock
/// has already reached (computed before an <see cref="Advance"/> moved past it) is woken, not left waiting for the
/// next <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long ticks;
    private int timersCreated;

    /// <summary>How many timers have been created so far: lets a test wait until an actor has armed its timer.</summary>
    public int TimersCreated => Volatile.Read(ref timersCreated);

    /// <summary>When each armed timer falls due, earliest first: lets a test wait until a timer for a given time is set.</summary>
    public IReadOnlyList<DateTimeOffset> DueTimes
    {
        get
        {
            lock (gate)
            {
                var (clockNow, clockTicks) = (now, ticks);
                return [.. timers.Select(t => clockNow + TimeSpan.FromTicks(t.DueAt - clockTicks)).Order()];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return ticks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the clock and fires, in time order, every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (gate)
        {
            target = ticks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? due;
            lock (gate)
            {
                due = timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                var until = due?.DueAt ?? target;
                now += TimeSpan.FromTicks(Math.Max(0, until - ticks));
                ticks = Math.Max(ticks, until);
                if (due is null)
                {
                    return;
                }

                due.Reschedule();
            }

            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        Interlocked.Increment(ref timersCreated); // after Change: a test that sees the count sees the timer armed
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long period = -1;

        public long DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var now = dueTime == TimeSpan.Zero;
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                this.period = period == Timeout.InfiniteTimeSpan ? -1 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock.ticks + dueTime.Ticks;
                    clock.timers.Add(this);
                    if (now)
                    {
                        Reschedule(); // this tick is fired below; a periodic timer's next one is due a period on
                    }
                }
            }

            if (now)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static timer => timer.Fire(), this, preferLocal: false);
            }

            return true;
        }

        /// <summary>Under the clock's lock: a periodic timer moves to its next tick, a single one leaves.</summary>
        public void Reschedule()
        {
            clock.timers.Remove(this);
            if (period > 0)
            {
                DueAt += period;
                clock.timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
