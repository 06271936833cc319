namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// What one broker queue did since processing started, for <see cref="ProcessingService.GetStatus"/> and the
/// per-queue stats (<see cref="Stats.QueueStats"/>): written by its supervisor and handler actors with Interlocked
/// (no lock, no message), read from any thread. Times are UTC ticks (0: never).
/// </summary>
internal sealed class QueueCounters(long createdTicks)
{
    /// <summary>
    /// The weight of the newest consume time in the moving average: an EWMA with the centre of mass of a 50-event
    /// window (Zulip averages its last 50 consume calls), kept in one word so that handlers update it lock-free.
    /// </summary>
    private const double AverageWeight = 2.0 / (50 + 1);

    private int _inFlight;
    private long _handled;
    private long _failed;
    private long _deadLettered;
    private int _circuitOpen;
    private long _averageTicks = BitConverter.DoubleToInt64Bits(double.NaN);
    private long _lastFinished;
    private long _lastEmptied;
    private long _consumedSinceEmptied;
    private long _oldestStarted;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Handled => Interlocked.Read(ref _handled);

    public long Failed => Interlocked.Read(ref _failed);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public bool CircuitOpen
    {
        get => Volatile.Read(ref _circuitOpen) != 0;
        set => Volatile.Write(ref _circuitOpen, value ? 1 : 0);
    }

    /// <summary>When these counters began (the queue's first start on this node).</summary>
    public long CreatedTicks { get; } = createdTicks;

    /// <summary>The recent average time one event took its handler, in ticks; NaN before the first.</summary>
    public double AverageTicks => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _averageTicks));

    public long LastFinishedTicks => Interlocked.Read(ref _lastFinished);

    public long LastEmptiedTicks => Interlocked.Read(ref _lastEmptied);

    public long ConsumedSinceEmptied => Interlocked.Read(ref _consumedSinceEmptied);

    /// <summary>When the oldest work now in a handler started; 0 when every handler is idle.</summary>
    public long OldestStartedTicks
    {
        get => Interlocked.Read(ref _oldestStarted);
        set => Interlocked.Exchange(ref _oldestStarted, value);
    }

    public void AddInFlight(int events) => Interlocked.Add(ref _inFlight, events);

    public void AddHandled(int events) => Interlocked.Add(ref _handled, events);

    public void AddFailed(int events) => Interlocked.Add(ref _failed, events);

    public void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);

    /// <summary>A handler call over <paramref name="events"/> ended (either way) after <paramref name="duration"/>.</summary>
    public void Finished(int events, TimeSpan duration, long nowTicks)
    {
        Interlocked.Add(ref _consumedSinceEmptied, events);
        Interlocked.Exchange(ref _lastFinished, nowTicks);
        var sample = (double)duration.Ticks / events;
        var seen = Interlocked.Read(ref _averageTicks);
        while (true)
        {
            var average = BitConverter.Int64BitsToDouble(seen);
            var next = double.IsNaN(average) ? sample : average + (AverageWeight * (sample - average));
            var found = Interlocked.CompareExchange(ref _averageTicks, BitConverter.DoubleToInt64Bits(next), seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }

    /// <summary>No delivery waits on this node for a handler any more: Zulip's "queue last emptied".</summary>
    public void Emptied(long nowTicks)
    {
        Interlocked.Exchange(ref _lastEmptied, nowTicks);
        Interlocked.Exchange(ref _consumedSinceEmptied, 0);
    }
}
