using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit.Processing;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Benchmarks.Partitions;

/// <summary>
/// How long a queue of 8 partitions takes to spread evenly (4 and 4) over a second node that joins: from the joining
/// node's MemberUp until each node consumes 4 partitions. With Akka's sharding defaults, and with the allocation limits
/// of QueueActors' reference.conf; Akka's other settings (gossip, the 10 s rebalance interval) are its defaults in both.
/// </summary>
public static class RebalanceBenchmark
{
    private const int Partitions = 8;

    public static async Task<int> RunAsync(Uri broker, int runs)
    {
        var reference = ConfigLoader.Reference.AkkaConfig;
        string Limits(string section) => string.Create(CultureInfo.InvariantCulture,
            $"akka.cluster.{section}.least-shard-allocation-strategy {{ rebalance-absolute-limit = {reference.GetInt($"akka.cluster.{section}.least-shard-allocation-strategy.rebalance-absolute-limit")}, rebalance-relative-limit = {reference.GetDouble($"akka.cluster.{section}.least-shard-allocation-strategy.rebalance-relative-limit")} }}");
        var rows = new[]
        {
            ("Akka's sharding defaults", string.Empty),
            ("QueueActors' reference.conf", Limits("sharding") + "\n" + Limits("sharded-daemon-process.sharding")),
        };
        Console.WriteLine($"{Partitions} partitions on node a; node b joins: seconds from b's MemberUp until each node consumes {Partitions / 2} (median of {runs})");
        foreach (var (name, hocon) in rows)
        {
            var seconds = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                seconds.Add(await SpreadAfterJoinAsync(broker, hocon));
            }

            seconds.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-28} {seconds[seconds.Count / 2],6:0.0} s   ({string.Join(", ", seconds.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))})"));
        }

        return 0;
    }

    private static async Task<double> SpreadAfterJoinAsync(Uri broker, string shardingHocon)
    {
        var queue = "bench-spread-" + Guid.NewGuid().ToString("N")[..6];
        var config = $"queueactors.messaging {{ persistent = [{queue}], partitions {{ {queue} = {Partitions} }} }}";
        var counter = new BenchCounter(0);
        var akka = ConfigurationFactory.ParseString(shardingHocon).WithFallback(ConfigurationFactory.ParseString(ClusterHocon));
        var nodes = new List<(ActorSystem System, RabbitMqTransport Transport, ProcessingHarness Harness)>();
        async Task<ProcessingHarness> StartAsync()
        {
            var system = ActorSystem.Create("bench-spread", akka);
            var transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Reference, [broker]));
            var harness = await ProcessingHarness.StartAsync(services => services.AddSingleton(counter).AddQueueHandler<CountingHandler>(queue), config, transport: transport, system: system);
            await AkkaCluster.Get(system).JoinAsync(AkkaCluster.Get(nodes.Count > 0 ? nodes[0].System : system).SelfAddress);
            nodes.Add((system, transport, harness));
            return harness;
        }

        int Here(ProcessingHarness harness) => harness.Processing.GetStatus().Queues.Count(q => q.Queue == queue);
        try
        {
            var a = await StartAsync();
            await WaitUntilAsync(() => Here(a) == Partitions, "all partitions on node a");
            var b = await StartAsync(); // returns at b's MemberUp
            var clock = Stopwatch.StartNew();
            await WaitUntilAsync(() => Here(a) == Partitions / 2 && Here(b) == Partitions / 2, "an even spread");
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var (system, transport, harness) in Enumerable.Reverse(nodes))
            {
                await harness.DisposeAsync();
                await AkkaCluster.Get(system).LeaveAsync();
                await system.Terminate();
                await transport.DisposeAsync();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"No {what} within 3 minutes.");
            }

            await Task.Delay(50);
        }
    }

    private const string ClusterHocon = """
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """;
}
