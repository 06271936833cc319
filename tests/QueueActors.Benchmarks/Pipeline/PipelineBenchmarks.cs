using System.Globalization;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// The pipeline beside the bare client, scenario by scenario, in one run on one broker: medians of
/// <c>runs</c>, bare and pipeline interleaved (and taking turns going first) so that drift on a shared
/// machine hits both. <c>only</c> (e.g. "publish") runs just the scenarios whose name contains it.
/// </summary>
internal static class PipelineBenchmarks
{
    public static async Task<int> RunAllAsync(Uri broker, int runs, string? only = null, bool allocationTypes = false)
    {
        await using var bare = await BareClient.ConnectAsync(broker);
        using var sampler = allocationTypes ? new AllocationSampler() : null;
        var scenarios = new PipelineScenarios(broker, bare, sampler);
        Console.WriteLine($"QueueActors pipeline vs bare RabbitMQ.Client 7.1.2: {Environment.ProcessorCount} cores, .NET {Environment.Version}, ~200-byte JSON, persistent messages, prefetch 100, median of {runs}");
        Console.WriteLine($"{"scenario",-60} {"bare",12} {"pipeline",12} {"ratio",7}");
        await WarmUpAsync(scenarios);
        scenarios.BarePublishCosts.Clear();
        scenarios.PipelinePublishCosts.Clear();
        scenarios.BareConsumeCosts.Clear();
        scenarios.PipelineConsumeCosts.Clear();
        scenarios.BareStartCosts.Clear();
        scenarios.PipelineStartCosts.Clear();
        bool Selected(string name) => only is null || name.Contains(only, StringComparison.OrdinalIgnoreCase);
        async Task CompareAsync(string name, Func<Task<double>> bare, Func<Task<double>> pipeline)
        {
            if (Selected(name))
            {
                await CompareRunsAsync(name, runs, bare, pipeline);
            }
        }

        foreach (var kind in new[] { QueueKind.ClassicDurable, QueueKind.Quorum })
        {
            var publish = $"publish with confirms, {kind} (msg/s)";
            await CompareAsync(publish, () => scenarios.BarePublishAsync(kind, 20_000), () => scenarios.PipelinePublishAsync(kind, 20_000));
            if (Selected(publish))
            {
                // Lower is better: the ratio is bare / pipeline, as for latency.
                Report($"  client CPU per publish, {kind} (µs)", scenarios.BarePublishCosts.Select(c => c.CpuMicros).ToList(), scenarios.PipelinePublishCosts.Select(c => c.CpuMicros).ToList(), lowerIsBetter: true);
                Report($"  same, without the JIT compiler's time, {kind} (µs)", scenarios.BarePublishCosts.Select(c => c.CpuWithoutCompilerMicros).ToList(), scenarios.PipelinePublishCosts.Select(c => c.CpuWithoutCompilerMicros).ToList(), lowerIsBetter: true);
                Report($"  client bytes allocated per publish, {kind}", scenarios.BarePublishCosts.Select(c => c.Bytes).ToList(), scenarios.PipelinePublishCosts.Select(c => c.Bytes).ToList(), lowerIsBetter: true);
                scenarios.BarePublishCosts.Clear();
                scenarios.PipelinePublishCosts.Clear();
            }

            var consume = $"consume no-op, {kind} (msg/s; pipeline conc. 8)";
            scenarios.BareConsumeCosts.Clear();
            scenarios.PipelineConsumeCosts.Clear();
            scenarios.BareStartCosts.Clear();
            scenarios.PipelineStartCosts.Clear();
            await CompareAsync(consume,
                () => scenarios.BareConsumeAsync(kind, 30_000, 1, () => Task.CompletedTask),
                () => scenarios.PipelineConsumeAsync(kind, 30_000, 8, () => ValueTask.CompletedTask));
            if (Selected(consume))
            {
                Report($"  client CPU per consumed message, {kind} (µs)", scenarios.BareConsumeCosts.Select(c => c.CpuMicros).ToList(), scenarios.PipelineConsumeCosts.Select(c => c.CpuMicros).ToList(), lowerIsBetter: true);
                Report($"  same, without the JIT compiler's time, {kind} (µs)", scenarios.BareConsumeCosts.Select(c => c.CpuWithoutCompilerMicros).ToList(), scenarios.PipelineConsumeCosts.Select(c => c.CpuWithoutCompilerMicros).ToList(), lowerIsBetter: true);
                Report($"  client bytes allocated per consumed message, {kind}", scenarios.BareConsumeCosts.Select(c => c.Bytes).ToList(), scenarios.PipelineConsumeCosts.Select(c => c.Bytes).ToList(), lowerIsBetter: true);
                Report($"  client CPU from consume start to first message, {kind} (ms)", scenarios.BareStartCosts, scenarios.PipelineStartCosts, lowerIsBetter: true);
            }
        }

        foreach (var (concurrency, count) in new[] { (1, 1_000), (8, 5_000), (32, 15_000) })
        {
            await CompareAsync($"1 ms async handler, concurrency {concurrency}, ClassicDurable (msg/s)",
                () => scenarios.BareConsumeAsync(QueueKind.ClassicDurable, count, (ushort)concurrency, () => Task.Delay(1)),
                () => scenarios.PipelineConsumeAsync(QueueKind.ClassicDurable, count, concurrency, async () => await Task.Delay(1)));
        }

        if (!Selected("latency"))
        {
            return 0;
        }

        var bareLatency = new List<(double, double)>();
        var pipelineLatency = new List<(double, double)>();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                bareLatency.Add(await scenarios.BareLatencyAsync(QueueKind.ClassicDurable, 2_000, 10_000));
                pipelineLatency.Add(await scenarios.PipelineLatencyAsync(QueueKind.ClassicDurable, 2_000, 10_000));
            }
            else
            {
                pipelineLatency.Add(await scenarios.PipelineLatencyAsync(QueueKind.ClassicDurable, 2_000, 10_000));
                bareLatency.Add(await scenarios.BareLatencyAsync(QueueKind.ClassicDurable, 2_000, 10_000));
            }
        }

        Report("latency p50 at 2,000/s, ClassicDurable (ms)", bareLatency.Select(l => l.Item1).ToList(), pipelineLatency.Select(l => l.Item1).ToList(), lowerIsBetter: true);
        Report("latency p99 at 2,000/s, ClassicDurable (ms)", bareLatency.Select(l => l.Item2).ToList(), pipelineLatency.Select(l => l.Item2).ToList(), lowerIsBetter: true);
        return 0;
    }

    private static async Task WarmUpAsync(PipelineScenarios scenarios)
    {
        await scenarios.BarePublishAsync(QueueKind.ClassicDurable, 10_000);
        await scenarios.PipelinePublishAsync(QueueKind.ClassicDurable, 10_000);
        // Long enough (a few seconds) for tiered compilation to finish its optimized code on the consume path: a
        // node runs for days, and a first measured run that still compiles said more about the JIT than the pipeline.
        await scenarios.BareConsumeAsync(QueueKind.ClassicDurable, 30_000, 1, () => Task.CompletedTask);
        await scenarios.PipelineConsumeAsync(QueueKind.ClassicDurable, 30_000, 8, () => ValueTask.CompletedTask);
        await scenarios.PipelineLatencyAsync(QueueKind.ClassicDurable, 2_000, 1_000);
    }

    private static async Task CompareRunsAsync(string name, int runs, Func<Task<double>> bare, Func<Task<double>> pipeline)
    {
        var bareResults = new List<double>();
        var pipelineResults = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Alternate who goes first: the broker cleans up after a deleted queue in the background, which
            // would otherwise always slow the second one down.
            var first = i % 2 == 0 ? (bare, bareResults) : (pipeline, pipelineResults);
            var second = i % 2 == 0 ? (pipeline, pipelineResults) : (bare, bareResults);
            BenchmarkGc.Collect();
            first.Item2.Add(await first.Item1());
            BenchmarkGc.Collect();
            second.Item2.Add(await second.Item1());
        }

        Report(name, bareResults, pipelineResults, lowerIsBetter: false);
    }

    private static void Report(string name, List<double> bare, List<double> pipeline, bool lowerIsBetter)
    {
        var b = Median(bare);
        var p = Median(pipeline);
        var ratio = lowerIsBetter ? b / p : p / b;
        Console.WriteLine($"{name,-60} {Format(b),12} {Format(p),12} {ratio.ToString("0.00x", CultureInfo.InvariantCulture),7}   bare: {string.Join(", ", bare.Select(Format))}; pipeline: {string.Join(", ", pipeline.Select(Format))}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Format(double value) => value >= 1e4
        ? (value / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " k"
        : value.ToString(value >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture);
}
