using System.Diagnostics;
using System.Globalization;
using Akka.Configuration;
using QueueActors.Actors.Config;

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
        var akka = ConfigurationFactory.ParseString(shardingHocon).WithFallback(BenchNode.Akka);
        var nodes = new List<BenchNode>();
        int Here(BenchNode node) => node.Harness.Processing.GetStatus().Queues.Count(q => q.Queue == queue);
        try
        {
            var a = await BenchNode.StartAsync(broker, akka, config, counter, queue, first: null);
            nodes.Add(a);
            await WaitUntilAsync(() => Here(a) == Partitions, "all partitions on node a");
            var b = await BenchNode.StartAsync(broker, akka, config, counter, queue, first: a); // returns at b's MemberUp
            nodes.Add(b);
            var clock = Stopwatch.StartNew();
            await WaitUntilAsync(() => Here(a) == Partitions / 2 && Here(b) == Partitions / 2, "an even spread");
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await BenchNode.StopAllAsync(nodes);
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
}
