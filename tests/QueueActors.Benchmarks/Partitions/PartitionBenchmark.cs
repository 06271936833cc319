using System.Diagnostics;
using System.Globalization;
using Akka.Configuration;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Benchmarks.Partitions;

/// <summary>
/// Issue [10] item 8: a partitioned queue (8 partitions, keys spread over them) against a plain queue with the same
/// handler concurrency (8), side by side in one run, on 1 node and on 2 nodes (in-process cluster members, each with its
/// own broker connection). Both are durable quorum queues. Each row publishes <c>--events</c> events from 64 concurrent
/// publishers into running consumers and reports publish and end-to-end (published → all handled) events per second.
/// </summary>
public static class PartitionBenchmark
{
    private const int Partitions = 8;
    private const int Publishers = 64;

    public static async Task<int> RunAsync(Uri broker, int events)
    {
        Console.WriteLine($"{events} events per row, {Publishers} concurrent publishers, handler: counts only");
        foreach (var nodes in new[] { 1, 2 })
        {
            await RunRowAsync(broker, events, nodes, partitioned: false);
            await RunRowAsync(broker, events, nodes, partitioned: true);
        }

        return 0;
    }

    private static async Task RunRowAsync(Uri broker, int events, int nodeCount, bool partitioned)
    {
        var queue = $"bench-{(partitioned ? "part" : "plain")}-{Guid.NewGuid().ToString("N")[..6]}";
        var config = $$"""
            queueactors.messaging { persistent = [{{queue}}], partitions { {{queue}} = {{(partitioned ? Partitions : 1)}} } }
            queueactors.processing.queue-defaults { concurrency = {{Partitions}}, prefetch = {{4 * Partitions}} }
            """;
        var counter = new BenchCounter(events);
        var nodes = new List<BenchNode>();
        for (var i = 0; i < nodeCount; i++)
        {
            nodes.Add(await BenchNode.StartAsync(broker, Akka, config, counter, queue, nodes.FirstOrDefault()));
        }

        await using var publisherTransport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(Actors.Config.ConfigLoader.Reference, [broker]));
        var publisher = new EventPublisher(publisherTransport, nodes[0].Harness.Topology);
        await WarmUpAsync(publisher, queue, counter);

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < events)
            {
                await publisher.PublishAsync("s1", queue, new BenchEvent(i), new PublishOptions { PartitionKey = "key-" + (i % 1000) });
            }
        }));
        var published = clock.Elapsed;
        await counter.AllHandled.WaitAsync(TimeSpan.FromMinutes(5));
        var handled = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {nodeCount} node(s), {(partitioned ? $"{Partitions} partitions" : "plain queue"),-13} publish {events / published.TotalSeconds,8:0} events/s, end to end {events / handled.TotalSeconds,8:0} events/s"));

        await BenchNode.StopAllAsync(nodes);
    }

    /// <summary>One event per partition until every partition is consumed (sharding has placed them all), not counted.</summary>
    private static async Task WarmUpAsync(EventPublisher publisher, string queue, BenchCounter counter)
    {
        var keys = Enumerable.Range(0, 1000).Select(i => "key-" + i).GroupBy(key => Actors.Partitions.PartitionHash.PartitionOf(key, Partitions)).Select(g => g.First()).ToArray();
        var deadline = Stopwatch.StartNew();
        while (counter.WarmedPartitions < keys.Length && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var key in keys)
            {
                await publisher.PublishAsync("s1", queue, new BenchEvent(-1 - Actors.Partitions.PartitionHash.PartitionOf(key, Partitions)), new PublishOptions { PartitionKey = key });
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Gossip and sharding sped up: the rows measure throughput, not how soon the cluster settles.</summary>
    private static readonly Config Akka = ConfigurationFactory.ParseString(
        "akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, sharding.rebalance-interval = 500ms, sharded-daemon-process.keep-alive-interval = 500ms }")
        .WithFallback(BenchNode.Akka);
}
