namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The publish timeout without a timer per publish. A token from its own timer costs each publish a
/// CancellationTokenSource, a timer and two trips through the timer queue's lock (add, then remove on
/// dispose); on the confirm path that is a good part of what the client itself spends. Instead, the
/// publishes that start within one slice of time (an eighth of the timeout) share one token, cancelled once
/// the timeout has passed for the last of them: each publish gets at least the timeout, and at most an
/// eighth more.
/// </summary>
internal sealed class PublishDeadlines
{
    private const int SlicesPerTimeout = 8;
    private readonly TimeSpan _timeout;
    private readonly long _sliceTicks;
    private readonly TimeProvider _time;
    private readonly Lock _renewing = new();
    private Slice? _current;

    public PublishDeadlines(TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout + (timeout / SlicesPerTimeout);
        _sliceTicks = Math.Max(1, (long)(timeout.TotalSeconds / SlicesPerTimeout * time.TimestampFrequency));
        _time = time;
    }

    /// <summary>A token cancelled no sooner than the timeout from now (and no later than an eighth after).</summary>
    public CancellationToken Next()
    {
        var now = _time.GetTimestamp();
        return Volatile.Read(ref _current) is { } slice && slice.Covers(now) ? slice.Token : Renew(now);
    }

    private CancellationToken Renew(long now)
    {
        lock (_renewing)
        {
            if (_current is { } slice && slice.Covers(now))
            {
                return slice.Token; // another publish renewed it meanwhile
            }

            // Never disposed: publishes may still hold its token; once its timer fired nothing references it.
            var next = new Slice(now, now + _sliceTicks, new CancellationTokenSource(_timeout, _time));
            Volatile.Write(ref _current, next);
            return next.Token;
        }
    }

    /// <param name="Start">The timestamp it was made at.</param>
    /// <param name="End">The timestamp from which publishes need a new slice.</param>
    /// <param name="Source">Cancelled when the timeout has passed since <paramref name="End"/>.</param>
    private sealed record Slice(long Start, long End, CancellationTokenSource Source)
    {
        public CancellationToken Token => Source.Token;

        // A token already cancelled (a clock that moved on faster than the slices, as a test's can) is never handed out.
        public bool Covers(long now) => now >= Start && now < End && !Token.IsCancellationRequested;
    }
}
