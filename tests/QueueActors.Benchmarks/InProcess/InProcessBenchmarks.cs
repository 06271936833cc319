using System.Diagnostics;
using System.Globalization;
using QueueActors.Benchmarks.Pipeline;
using QueueActors.Host.Web;

namespace QueueActors.Benchmarks.InProcess;

/// <summary>
/// What the processing pipeline itself costs per event, with no broker: a node on the in-memory transport and a
/// no-op handler. Per run the queue is paused, <c>events</c> are published (outside the measurement), then the
/// window runs from resume to the last ack: wall µs/event, process CPU µs/event (all threads) and bytes allocated
/// per event (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise). Medians of <c>runs</c> after a warm-up.
/// </summary>
internal static class InProcessBenchmarks
{
    private const ushort Prefetch = 100;

    /// <param name="withMetrics">Whether the node's <c>/metrics</c> listener (its meter provider) listens to the instruments meanwhile.</param>
    public static async Task<int> RunAllAsync(int runs, int events, bool withMetrics = false)
    {
        await using var metrics = withMetrics ? NodeWebServer.Build(new HttpSettings(true, "127.0.0.1", 0)) : null;
        if (metrics is not null)
        {
            await metrics.StartAsync();
        }

        Console.WriteLine($"QueueActors pipeline in process (in-memory transport, no-op handler, ~200-byte JSON{(withMetrics ? ", /metrics listening" : string.Empty)}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, {events:N0} events per run, prefetch {Prefetch}, median of {runs}");
        Console.WriteLine($"{"scenario",-32} {"wall µs/ev",11} {"CPU µs/ev",10} {"bytes/ev",9}   runs (wall µs; bytes)");
        foreach (var concurrency in new[] { 1, 8 })
        {
            await using var node = await InProcessNode.StartAsync(concurrency, Prefetch);
            await MeasureAsync(node, Math.Max(events / 4, 1_000)); // warm-up: JIT tiers, pools, journal file
            var results = new List<(double Wall, double Cpu, double Bytes)>();
            for (var i = 0; i < runs; i++)
            {
                results.Add(await MeasureAsync(node, events));
            }

            var wall = Median(results.Select(r => r.Wall));
            var cpu = Median(results.Select(r => r.Cpu));
            var bytes = Median(results.Select(r => r.Bytes));
            Console.WriteLine($"{$"no-op handler, concurrency {concurrency}",-32} {Format(wall),11} {Format(cpu),10} {bytes.ToString("0", CultureInfo.InvariantCulture),9}   {string.Join(", ", results.Select(r => Format(r.Wall)))}; {string.Join(", ", results.Select(r => r.Bytes.ToString("0", CultureInfo.InvariantCulture)))}");
        }

        return 0;
    }

    private static async Task<(double Wall, double Cpu, double Bytes)> MeasureAsync(InProcessNode node, int events)
    {
        await node.Processing.PauseAsync(node.Queue);
        for (var i = 0; i < events; i++)
        {
            await node.Publisher.PublishAsync("site", node.Queue, BenchPayload.Create(i));
        }

        BenchmarkGc.Collect();
        var done = node.Acks.Expect(events);
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        await node.Processing.ResumeAsync(node.Queue);
        await done;
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpuSpent = Environment.CpuUsage.TotalTime - cpu;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        return (elapsed.TotalMicroseconds / events, cpuSpent.TotalMicroseconds / events, allocated / (double)events);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
