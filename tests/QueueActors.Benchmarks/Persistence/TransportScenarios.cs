using System.Diagnostics;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>Durable publish-and-handle throughput and publish→handled latency on any transport.</summary>
internal static class TransportScenarios
{
    private static readonly byte[] Body = "{\"user\":42,\"event\":\"message\"}"u8.ToArray();

    /// <summary>
    /// <paramref name="publishers"/> tasks publish <paramref name="count"/> messages in all (each waits for its
    /// commit) while the consumers ack each delivery at once (a no-op handler). Events per second, from the
    /// first publish to the last ack.
    /// </summary>
    public static async Task<double> ThroughputAsync(ITransport producer, IReadOnlyList<ITransport> consumers, int count, int publishers)
    {
        var spec = new QueueSpec("bench.throughput." + Guid.NewGuid().ToString("N")[..8], Durable: true);
        await producer.DeclareAsync(spec);
        var handled = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = new List<ISubscription>();
        foreach (var consumer in consumers)
        {
            // As the queue supervisor does: the callback hands the delivery on, the handler acks when done.
            subscriptions.Add(await consumer.SubscribeAsync(spec, 256, (delivery, stopping) =>
            {
                _ = HandleAsync(delivery);
                return ValueTask.CompletedTask;
            }));
        }

        async Task HandleAsync(Delivery delivery)
        {
            await Task.Yield();
            await delivery.AckAsync();
            if (Interlocked.Increment(ref handled) == count)
            {
                done.TrySetResult();
            }
        }

        var watch = Stopwatch.StartNew();
        var toPublish = count;
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref toPublish) >= 0)
            {
                await producer.PublishAsync(spec.BrokerQueue, Message());
            }
        })));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>One message in flight at a time: from the call to publish to the handler seeing it, <paramref name="count"/> samples (ms).</summary>
    public static async Task<double[]> LatencyAsync(ITransport producer, ITransport consumer, int count)
    {
        var spec = new QueueSpec("bench.latency." + Guid.NewGuid().ToString("N")[..8], Durable: true);
        await producer.DeclareAsync(spec);
        TaskCompletionSource<long>? arrived = null;
        await using var subscription = await consumer.SubscribeAsync(spec, 16, (delivery, stopping) =>
        {
            Volatile.Read(ref arrived)!.TrySetResult(Stopwatch.GetTimestamp());
            _ = delivery.AckAsync().AsTask();
            return ValueTask.CompletedTask;
        });
        var samples = new double[count];
        for (var i = -50; i < count; i++)
        {
            var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref arrived, tcs);
            var start = Stopwatch.GetTimestamp();
            await producer.PublishAsync(spec.BrokerQueue, Message());
            var end = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;
            }
        }

        Array.Sort(samples);
        return samples;
    }

    private static Envelope Message() => new() { Site = "bench.example", Queue = "events", EnqueuedAt = DateTimeOffset.UtcNow, Body = Body };
}
