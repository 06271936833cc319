using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Runtime;

/// <summary>
/// Logs the first <c>limit</c> dead letters of each interval and counts the rest, so that a flood of
/// messages to a stopped actor cannot flood the log; the count is reported when the next interval opens.
/// </summary>
internal sealed class DeadLetterLog(ILogger logger, TimeProvider time, int limit, TimeSpan interval)
{
    private readonly Lock gate = new();
    private long windowStart = long.MinValue;
    private int loggedInWindow;
    private int suppressed;

    public void Record(DeadLetter deadLetter)
    {
        if (limit <= 0)
        {
            return;
        }

        int suppressedBefore;
        lock (gate)
        {
            var now = time.GetTimestamp();
            suppressedBefore = 0;
            if (windowStart == long.MinValue || time.GetElapsedTime(windowStart, now) >= interval)
            {
                suppressedBefore = suppressed;
                windowStart = now;
                loggedInWindow = 0;
                suppressed = 0;
            }

            if (loggedInWindow >= limit)
            {
                suppressed++;
                return;
            }

            loggedInWindow++;
        }

        if (suppressedBefore > 0)
        {
            KernelLog.DeadLettersSuppressed(logger, suppressedBefore, interval);
        }

        KernelLog.DeadLetterLogged(logger, deadLetter.Message.GetType().Name, deadLetter.Sender?.Path.ToString() ?? "no sender", deadLetter.Recipient.Path.ToString());
    }
}
