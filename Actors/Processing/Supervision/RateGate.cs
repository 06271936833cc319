namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// One node's share of a queue's rate limit: a token bucket in front of the hand-off from the subscription to the
/// handlers. Tokens accrue continuously at <see cref="EventsPerSecond"/> up to <see cref="Burst"/> (about 50 ms of the
/// share, at least 2, so a wake-up that comes a little late loses no token). Not thread-safe: a queue
/// supervisor uses it from its actor, a <c>PartitionGate</c> under its lock.
/// </summary>
/// <remarks>
/// Not System.Threading.RateLimiting's TokenBucketRateLimiter: it credits tokens on its own timer, so an actor that
/// schedules its own wake-up sees the token up to a whole period late (measured here: 20/s ran at 11/s); this bucket
/// says exactly when the next token is due (<see cref="UntilNextToken"/>).
/// </remarks>
internal sealed class RateGate
{
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMilliseconds(50);
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public RateGate(double eventsPerSecond, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        EventsPerSecond = eventsPerSecond;
        Burst = BurstFor(eventsPerSecond);
        _time = timeProvider ?? TimeProvider.System;
        _tokens = Burst; // a node starts with a full bucket
        _refilledAt = _time.GetTimestamp();
    }

    /// <summary>This node's share of the limit.</summary>
    public double EventsPerSecond { get; }

    /// <summary>The most tokens the bucket holds: the most events that go at once after a quiet spell.</summary>
    public int Burst { get; }

    /// <summary>Whether an event may go now.</summary>
    public bool HasToken
    {
        get
        {
            Refill();
            return _tokens >= 1;
        }
    }

    /// <summary>How long until the next token (zero when one is there).</summary>
    public TimeSpan UntilNextToken
    {
        get
        {
            Refill();
            return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / EventsPerSecond * TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> tokens; returns how many events may go.</summary>
    public int Take(int wanted)
    {
        Refill();
        var granted = (int)Math.Min(wanted, Math.Floor(_tokens));
        if (granted <= 0)
        {
            return 0;
        }

        _tokens -= granted;
        return granted;
    }

    /// <summary>
    /// This bucket at another share (a partition came or went): the tokens it holds now stay, up to the new burst, so a
    /// change of share lets no extra burst go.
    /// </summary>
    public RateGate Reshared(double eventsPerSecond)
    {
        Refill();
        var next = new RateGate(eventsPerSecond, _time);
        next._tokens = Math.Min(next.Burst, _tokens);
        return next;
    }

    /// <summary>The burst of a share: about 50 ms of it, at least 2.</summary>
    internal static int BurstFor(double eventsPerSecond) => (int)Math.Clamp(Math.Floor(eventsPerSecond * BurstWindow.TotalSeconds), 2, int.MaxValue);

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _tokens = Math.Min(Burst, _tokens + (elapsed.TotalSeconds * EventsPerSecond));
    }
}
