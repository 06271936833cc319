using System.Diagnostics;
using QueueActors.TestKit;
using QueueActors.TestKit.Processing;

namespace QueueActors.Tests.Processing.RateLimits;

/// <summary>
/// Two nodes (harnesses) consuming one rate-limited queue: waits until both have counted each other, publishes, and
/// measures from before the first publish until every event is handled by one or the other.
/// </summary>
internal static class TwoNodeRateRun
{
    public static async Task<(TimeSpan Elapsed, int First, int Second, int Distinct)> RunAsync(ProcessingHarness first, ProcessingHarness second, LogCapture logs, int events, Func<int, ValueTask> publish)
    {
        await AwaitCondition.UntilAsync(
            () => logs.Entries.Count(e => e.EventId.Id == 3950 && e.Message.Contains("over 2 consumers", StringComparison.Ordinal)) >= 2,
            TimeSpan.FromSeconds(15),
            "both nodes to take half the limit");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            await publish(i);
        }

        await AwaitCondition.UntilAsync(() => first.Recorder.Handled.Count + second.Recorder.Handled.Count >= events, TimeSpan.FromSeconds(30), "every event handled by the two nodes");
        clock.Stop();
        var distinct = first.Recorder.Handled.Concat(second.Recorder.Handled).Select(h => h.Envelope.MessageId).Distinct().Count();
        return (clock.Elapsed, first.Recorder.Handled.Count, second.Recorder.Handled.Count, distinct);
    }
}
