namespace QueueActors.Actors.Runtime;

/// <summary>Counts a child's restarts inside the strategy's window (Akka's ChildRestartStats).</summary>
internal sealed class RestartStatistics
{
    private int restartsInWindow;
    private long? windowStart;

    public bool RequestRestartPermission(SupervisorStrategy strategy, TimeProvider time)
    {
        var max = strategy.MaxNrOfRetries;
        if (max < 0)
        {
            return true;
        }

        if (max == 0)
        {
            return false;
        }

        if (strategy.WithinTimeRange == Timeout.InfiniteTimeSpan)
        {
            return ++restartsInWindow <= max;
        }

        var now = time.GetTimestamp();
        if (windowStart is not { } start || time.GetElapsedTime(start, now) > strategy.WithinTimeRange)
        {
            windowStart = now;
            restartsInWindow = 1;
            return true;
        }

        return ++restartsInWindow <= max;
    }
}
