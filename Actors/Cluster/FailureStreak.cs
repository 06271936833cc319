namespace QueueActors.Actors.Cluster;

/// <summary>
/// Keeps a periodic task that fails on every try (a subscription while the broker is down) from writing a
/// warning each time: the caller logs the first failure, then one summary per <see cref="SummaryInterval"/>, and one line
/// when a try succeeds again. Not thread-safe: it belongs to one actor.
/// </summary>
internal sealed class FailureStreak(TimeProvider time)
{
    /// <summary>How often a failing task says that it still fails.</summary>
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    private long lastReport;

    /// <summary>What the caller should log for a failure.</summary>
    public enum Report
    {
        /// <summary>Nothing: reported recently.</summary>
        None,

        /// <summary>The first failure of a streak.</summary>
        First,

        /// <summary>A summary: <see cref="Failures"/> since <see cref="Since"/>.</summary>
        Summary,
    }

    /// <summary>Failures in the current streak (0: none).</summary>
    public int Failures { get; private set; }

    /// <summary>When the current streak began.</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>Counts a failure and says what to log.</summary>
    public Report Failed()
    {
        var now = time.GetTimestamp();
        if (Failures++ == 0)
        {
            Since = time.GetUtcNow();
            lastReport = now;
            return Report.First;
        }

        if (time.GetElapsedTime(lastReport, now) < SummaryInterval)
        {
            return Report.None;
        }

        lastReport = now;
        return Report.Summary;
    }

    /// <summary>Ends the streak; true (with its length and start) when there was one, so the caller logs the recovery.</summary>
    public bool Succeeded(out int failures, out DateTimeOffset since)
    {
        failures = Failures;
        since = Since;
        Failures = 0;
        return failures > 0;
    }
}
