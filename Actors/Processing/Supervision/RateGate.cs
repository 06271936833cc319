using System.Threading.RateLimiting;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// One node's share of a queue's rate limit, as a token bucket (System.Threading.RateLimiting) in front of the hand-off
/// from the subscription to the handlers. The bucket refills <see cref="TokensPerPeriod"/> tokens every
/// <see cref="Period"/> (about 50 ms of the share, at least one token), exactly the share on average, and holds at most
/// that many: the burst is one period's worth. Used by one actor only; the refill timer only adds.
/// </summary>
internal sealed class RateGate : IDisposable
{
    private static readonly TimeSpan TargetPeriod = TimeSpan.FromMilliseconds(50);
    private readonly TokenBucketRateLimiter _bucket;

    public RateGate(double eventsPerSecond)
    {
        EventsPerSecond = eventsPerSecond;
        (TokensPerPeriod, Period) = BucketFor(eventsPerSecond);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = TokensPerPeriod,
            TokensPerPeriod = TokensPerPeriod,
            ReplenishmentPeriod = Period,
            AutoReplenishment = true,
            QueueLimit = 0, // nothing waits in here: the events wait in the broker
        });
    }

    /// <summary>This node's share of the limit.</summary>
    public double EventsPerSecond { get; }

    /// <summary>Tokens added each <see cref="Period"/>, and the most the bucket holds (the burst).</summary>
    public int TokensPerPeriod { get; }

    /// <summary>How often tokens are added: also how long to wait before trying again when none is left.</summary>
    public TimeSpan Period { get; }

    /// <summary>Tokens in the bucket now.</summary>
    public long Available => _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Takes up to <paramref name="wanted"/> tokens; returns how many it got (0: wait <see cref="Period"/>).</summary>
    public int Take(int wanted)
    {
        var available = (int)Math.Min(wanted, Available);
        if (available <= 0)
        {
            return 0;
        }

        using var lease = _bucket.AttemptAcquire(available);
        return lease.IsAcquired ? available : 0;
    }

    public void Dispose() => _bucket.Dispose();

    /// <summary>A whole number of tokens per period whose ratio is exactly <paramref name="eventsPerSecond"/>.</summary>
    internal static (int Tokens, TimeSpan Period) BucketFor(double eventsPerSecond)
    {
        var tokens = (int)Math.Clamp(Math.Floor(eventsPerSecond * TargetPeriod.TotalSeconds), 1, int.MaxValue);
        return (tokens, TimeSpan.FromTicks((long)Math.Ceiling(tokens / eventsPerSecond * TimeSpan.TicksPerSecond)));
    }
}
