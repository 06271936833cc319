using QueueActors.Host.Cli;

namespace QueueActors.Host.Workers;

/// <summary>
/// When one worker process is started again (one policy per worker): a planned exit (its soft memory limit) at once; a
/// crash after an exponential backoff (<see cref="MinBackoff"/> doubling to <see cref="MaxBackoff"/>, back to the
/// minimum once a worker stayed up <see cref="StableUptime"/>); not at all after <c>startFailures</c> failed starts (the
/// process ended before it said it was up, over its memory limit at start included) within <c>startWindow</c>, nor after
/// exit code 0 (it stopped on request: <c>node shutdown</c>).
/// </summary>
public sealed class RespawnPolicy(int startFailures, TimeSpan startWindow)
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(30);

    private readonly Queue<DateTimeOffset> _failedStarts = new();
    private TimeSpan _backoff = MinBackoff;

    /// <param name="now">When it ended.</param>
    /// <param name="exitCode">Its exit code (128 + signal when a signal killed it).</param>
    /// <param name="wasUp">Whether it said it was up before it ended.</param>
    /// <param name="uptime">How long it ran since it said it was up.</param>
    public RespawnDecision OnExit(DateTimeOffset now, int exitCode, bool wasUp, TimeSpan uptime)
    {
        if (exitCode == ExitCodes.Ok)
        {
            return RespawnDecision.Stop("it stopped on request");
        }

        if (wasUp && exitCode == ExitCodes.SoftMemoryLimit)
        {
            _backoff = MinBackoff;
            return RespawnDecision.After(TimeSpan.Zero, "a planned restart at its soft memory limit");
        }

        // Over its memory limit at its first check, just after it said it was up: as good as not started.
        if (!wasUp || exitCode == ExitCodes.OverMemoryLimitAtStart)
        {
            _failedStarts.Enqueue(now);
            while (_failedStarts.Peek() <= now - startWindow)
            {
                _failedStarts.Dequeue();
            }

            if (_failedStarts.Count >= startFailures)
            {
                var why = exitCode == ExitCodes.OverMemoryLimitAtStart ? ", the last one over its memory limit at start" : string.Empty;
                return RespawnDecision.Stop($"it failed to start {_failedStarts.Count} times within {startWindow.TotalSeconds:0}s{why} (queueactors.node.worker-start-failures, worker-start-window)");
            }
        }
        else if (uptime >= StableUptime)
        {
            _backoff = MinBackoff;
        }

        var delay = _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
        return RespawnDecision.After(delay, wasUp && exitCode != ExitCodes.OverMemoryLimitAtStart ? "it crashed" : "it failed to start");
    }
}
