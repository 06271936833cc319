using System.Globalization;

namespace QueueActors.Benchmarks.Xmpp;

/// <summary>
/// How long the cluster's one XMPP connection takes to move when the node holding it dies (issue #4) or, graceful,
/// stops with SIGTERM (issue [7]): runs
/// <see cref="TakeoverRun"/> <c>runs</c> times against one Prosody and one broker, and prints each run and the
/// min/median/max of the takeover time and of the gap in the received stream, with what was lost or doubled.
/// </summary>
internal static class XmppTakeoverBenchmark
{
    public static async Task<int> RunAllAsync(Uri broker, int runs, TimeSpan interval, bool graceful = false)
    {
        Console.WriteLine($"QueueActors XMPP takeover after {(graceful ? "SIGTERM (graceful leave)" : "SIGKILL")}: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, one stanza every {interval.TotalMilliseconds:0} ms, {runs} runs");
        await using var server = await XmppBenchServer.StartAsync();
        var results = new List<TakeoverResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await TakeoverRun.MeasureAsync(server, broker, interval, graceful);
            results.Add(result);
            Console.WriteLine($"run {run}: takeover {Ms(result.Takeover)} ms, gap {Ms(result.Gap)} ms, sent {result.Sent} in {result.Sending.TotalSeconds:0.0} s, received {result.Distinct} distinct ({result.Missing} missing), {result.Duplicates} duplicates, {result.LateFromKilled} from the killed node after the kill");
        }

        Console.WriteLine($"{"",-34} {"min",8} {"median",8} {"max",8}");
        Summary("takeover: kill -> first stanza (ms)", results.Select(r => r.Takeover.TotalMilliseconds));
        Summary("gap in the received stream (ms)", results.Select(r => r.Gap.TotalMilliseconds));
        Summary("duplicates per run", results.Select(r => (double)r.Duplicates));
        Summary("missing per run", results.Select(r => (double)r.Missing));
        return results.Any(r => r.Missing > 0) ? 1 : 0;
    }

    private static void Summary(string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        Console.WriteLine($"{name,-34} {sorted[0],8:0} {sorted[sorted.Count / 2],8:0} {sorted[^1],8:0}");
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
