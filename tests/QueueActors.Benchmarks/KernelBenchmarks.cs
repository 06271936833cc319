using System.Diagnostics;
using System.Globalization;
using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks;

/// <summary>
/// Each scenario runs once to warm up, then <c>runs</c> times; the median is reported beside the
/// Akka.NET 1.5.27 figure of the issue (default dispatcher, throughput 30, median of 5).
/// </summary>
internal static class KernelBenchmarks
{
    public static async Task<int> RunAllAsync(int runs, string? only = null)
    {
        Console.WriteLine($"QueueActors kernel benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {runs} runs");
        Console.WriteLine($"{"scenario",-40} {"median",14} {"akka 1.5.27",14} {"ratio",7}");
        await ReportAsync(only, "ping-pong, 1 in flight (msg/s)", runs, 2.28e6, () => Scenarios.PingPongAsync(inFlight: 1, roundTrips: 1_000_000));
        await ReportAsync(only, "ping-pong, 100 in flight (msg/s)", runs, 8.2e6, () => Scenarios.PingPongAsync(inFlight: 100, roundTrips: 5_000_000));
        await ReportAsync(only, "1 sender to 8 receivers (msg/s)", runs, 15.6e6, () => Scenarios.FanOutAsync(receivers: 8, messages: 20_000_000));
        await ReportAsync(only, "8 senders to 1 receiver (msg/s)", runs, double.NaN, () => Scenarios.FanInAsync(senders: 8, messages: 20_000_000));
        await ReportAsync(only, "spawn 100,000 actors (actors/s)", runs, 60e3, () => Scenarios.SpawnAsync(100_000));
        await ReportAsync(only, "bytes per idle actor (lower is better)", runs, 1743, () => Scenarios.BytesPerIdleActorAsync(100_000), lowerIsBetter: true);
        return 0;
    }

    private static async Task ReportAsync(string? only, string name, int runs, double akka, Func<Task<double>> scenario, bool lowerIsBetter = false)
    {
        if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await scenario();
        var results = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            Collect();
            results.Add(await scenario());
        }

        results.Sort();
        var median = results[results.Count / 2];
        var ratio = double.IsNaN(akka) ? "" : (lowerIsBetter ? akka / median : median / akka).ToString("0.00x", CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-40} {Format(median),14} {(double.IsNaN(akka) ? "-" : Format(akka)),14} {ratio,7}   runs: {string.Join(", ", results.Select(Format))}");
    }

    internal static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Format(double value) => value >= 1e6
        ? (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M"
        : value >= 1e4 ? (value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k" : value.ToString("0", CultureInfo.InvariantCulture);

    internal static double PerSecond(long count, Stopwatch watch) => count / watch.Elapsed.TotalSeconds;
}
