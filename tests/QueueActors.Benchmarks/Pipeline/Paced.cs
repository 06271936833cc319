using System.Diagnostics;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>Starts operation i at start + i/rate (not waiting for the previous one), then waits for all.</summary>
internal static class Paced
{
    public static async Task RunAsync(int rate, int count, Func<int, Task> operation)
    {
        var pending = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var ticksPerOperation = Stopwatch.Frequency / (double)rate;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksPerOperation);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 500)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency) - TimeSpan.FromMilliseconds(1.5));
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(20);
            }

            pending.Add(operation(i));
        }

        await Task.WhenAll(pending);
    }
}
