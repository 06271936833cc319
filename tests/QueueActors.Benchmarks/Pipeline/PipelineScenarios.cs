using System.Diagnostics;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// Each scenario in two forms on the same broker and queue kind: the bare client, and the whole QueueActors
/// pipeline (publisher → transport → supervisors → handler actor → ack). Each uses fresh queues, deleted after.
/// </summary>
internal sealed class PipelineScenarios(Uri broker, BareClient bare, AllocationSampler? sampler = null)
{
    private const int Window = 100;
    private const ushort Prefetch = 100;

    /// <summary>Client CPU µs and bytes allocated per message of each bare publish run.</summary>
    public List<MessageCost> BarePublishCosts { get; } = [];

    /// <summary>Client CPU µs and bytes allocated per message of each pipeline publish run.</summary>
    public List<MessageCost> PipelinePublishCosts { get; } = [];

    /// <summary>Client CPU µs and bytes allocated per message of each bare consume run, from its first message.</summary>
    public List<MessageCost> BareConsumeCosts { get; } = [];

    /// <summary>Client CPU µs and bytes allocated per message of each pipeline consume run, from its first event.</summary>
    public List<MessageCost> PipelineConsumeCosts { get; } = [];

    /// <summary>Client CPU ms of each bare consume run from the consume call to its first message.</summary>
    public List<double> BareStartCosts { get; } = [];

    /// <summary>Client CPU ms of each pipeline consume run from the processing start to its first event.</summary>
    public List<double> PipelineStartCosts { get; } = [];

    public async Task<double> BarePublishAsync(QueueKind kind, int count)
    {
        var queue = NewQueue();
        await bare.DeclareAsync(queue, kind);
        try
        {
            var cost = ClientCost.Now();
            sampler?.Start();
            var rate = await bare.PublishAsync(queue, count, Window, i => BenchPayload.Create(i).ToJson());
            BarePublishCosts.Add(cost.PerMessage(count));
            sampler?.Report($"bare publish, {kind}", count);
            return rate;
        }
        finally
        {
            await bare.DeleteAsync(queue);
        }
    }

    public async Task<double> PipelinePublishAsync(QueueKind kind, int count)
    {
        await using var node = await PipelineNode.StartAsync(broker, kind, 1, Prefetch);
        try
        {
            await node.Publisher.PublishAsync("warm", node.Queue, BenchPayload.Create(0)); // declares the queue
            var cost = ClientCost.Now();
            sampler?.Start();
            var watch = Stopwatch.StartNew();
            await Windowed.RunAsync(count, Window, i => node.Publisher.PublishAsync("site", node.Queue, BenchPayload.Create(i)));
            var rate = count / watch.Elapsed.TotalSeconds;
            PipelinePublishCosts.Add(cost.PerMessage(count));
            sampler?.Report($"pipeline publish, {kind}", count);
            return rate;
        }
        finally
        {
            await bare.DeleteAsync(node.BrokerQueue);
        }
    }

    public async Task<double> BareConsumeAsync(QueueKind kind, int count, ushort concurrency, Func<Task> work)
    {
        var queue = NewQueue();
        await bare.DeclareAsync(queue, kind);
        try
        {
            await bare.PublishAsync(queue, count, Window, i => BenchPayload.Create(i).ToJson());
            var first = new FirstEvent();
            var start = ClientCost.Now();
            sampler?.Start();
            var rate = await bare.ConsumeAsync(queue, count, Prefetch, concurrency, _ =>
            {
                first.Mark();
                return work();
            });
            BareConsumeCosts.Add(first.Cost.PerMessage(count));
            BareStartCosts.Add(start.Until(first.Cost).TotalMilliseconds);
            sampler?.Report($"bare consume, {kind}", count);
            return rate;
        }
        finally
        {
            await bare.DeleteAsync(queue);
        }
    }

    public async Task<double> PipelineConsumeAsync(QueueKind kind, int count, int concurrency, Func<ValueTask> work)
    {
        await using var node = await PipelineNode.StartAsync(broker, kind, concurrency, Prefetch);
        try
        {
            await Windowed.RunAsync(count, Window, i => node.Publisher.PublishAsync("site", node.Queue, BenchPayload.Create(i)));
            var first = new FirstEvent();
            node.State.OnEvent = _ =>
            {
                first.Mark();
                return work();
            };
            var done = node.Acks.Expect(count);
            var start = ClientCost.Now();
            sampler?.Start();
            await node.StartProcessingAsync();
            await done;
            var rate = count / Stopwatch.GetElapsedTime(first.Timestamp).TotalSeconds;
            PipelineConsumeCosts.Add(first.Cost.PerMessage(count));
            PipelineStartCosts.Add(start.Until(first.Cost).TotalMilliseconds);
            sampler?.Report($"pipeline consume, {kind}", count);
            return rate;
        }
        finally
        {
            await bare.DeleteAsync(node.BrokerQueue);
        }
    }

    /// <summary>Publish→handled latency at a steady <paramref name="rate"/>; returns (p50, p99) in ms.</summary>
    public async Task<(double P50, double P99)> BareLatencyAsync(QueueKind kind, int rate, int count)
    {
        var queue = NewQueue();
        await bare.DeclareAsync(queue, kind);
        var latencies = new double[count];
        try
        {
            var consuming = bare.ConsumeAsync(queue, count, Prefetch, 1, body =>
            {
                var payload = BenchPayload.Read(body.Span);
                latencies[payload.Index] = Stopwatch.GetElapsedTime(payload.Sent).TotalMilliseconds;
                return Task.CompletedTask;
            });
            await Paced.RunAsync(rate, count, i => bare.PublishOneAsync(queue, BenchPayload.Create(i).ToJson()));
            await consuming;
            return Percentiles(latencies);
        }
        finally
        {
            await bare.DeleteAsync(queue);
        }
    }

    public async Task<(double P50, double P99)> PipelineLatencyAsync(QueueKind kind, int rate, int count)
    {
        await using var node = await PipelineNode.StartAsync(broker, kind, 1, Prefetch);
        var latencies = new double[count];
        try
        {
            node.State.OnEvent = payload =>
            {
                latencies[payload.Index] = Stopwatch.GetElapsedTime(payload.Sent).TotalMilliseconds;
                return ValueTask.CompletedTask;
            };
            var done = node.Acks.Expect(count);
            await node.StartProcessingAsync();
            await Paced.RunAsync(rate, count, i => node.Publisher.PublishAsync("site", node.Queue, BenchPayload.Create(i)).AsTask());
            await done;
            return Percentiles(latencies);
        }
        finally
        {
            await bare.DeleteAsync(node.BrokerQueue);
        }
    }

    private static (double, double) Percentiles(double[] latencies)
    {
        var sorted = latencies.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    private static string NewQueue() => "bare-" + Guid.NewGuid().ToString("N")[..8];
}
