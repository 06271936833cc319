using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace QueueActors.Benchmarks.Cluster;

/// <summary>
/// How long the seed roles (site registry, dead-letter store: Akka's cluster singleton among the seeds) take to move:
/// two seed processes of the Host executable on one broker, the one running the roles stopped, alternately with
/// SIGTERM (a graceful leave) and SIGKILL, then started again as the standby. Each hand-over is timed from the signal
/// to the other seed's log line "now runs the seed roles"; after a leave, also the gap, from the leaving seed's
/// "no longer runs the seed roles" to that line (the time no seed answers; the rest is the node's drain).
/// <c>extraConfig</c> (<c>--akka-file</c>) is added to both seeds' files: to try other failure detector or resolver timings;
/// with the environment variable <c>QA_HANDOVER_TRACE=1</c> each hand-over prints what the surviving seed logged about it.
/// </summary>
internal static class SeedHandoverBenchmark
{
    private const string StartedLine = "now runs the seed roles";
    private const string StoppedLine = "no longer runs the seed roles";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(Uri broker, string host, int runs, string extraConfig = "")
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var root = Path.Combine(Path.GetTempPath(), "qa-bench-handover-" + id);
        Directory.CreateDirectory(root);
        var ports = new[] { FreePort(), FreePort() };
        var configs = new string[2];
        for (var i = 0; i < 2; i++)
        {
            configs[i] = Path.Combine(root, $"s{i + 1}.conf");
            await File.WriteAllTextAsync(configs[i], $$"""
                queueactors {
                  transport.rabbitmq.servers = ["{{broker}}"]
                  messaging.dead-letter-queue = "qa.dead-letters-handover-{{id}}"
                  shutdown-timeout = 2s
                  node { name = "s{{i + 1}}", roles = [seed] }
                  data-directory = "{{Path.Combine(root, "s" + (i + 1))}}"
                  processing.dead-letter-dir = "{{Path.Combine(root, "s" + (i + 1), "dead")}}"
                  cluster.remoting.port = {{ports[i]}}
                }
                akka.cluster.seed-nodes = ["127.0.0.1:{{ports[0]}}", "127.0.0.1:{{ports[1]}}"]
                {{extraConfig}}
                """);
        }

        var nodes = new ClusterNode?[2];
        var leaves = new List<double>();
        var gaps = new List<double>();
        var kills = new List<double>();
        try
        {
            nodes[0] = ClusterNode.Start("s1", host, configs[0]);
            await nodes[0]!.WaitForLineAsync(StartedLine, 0, Timeout);
            nodes[1] = await StartStandbyAsync(1, host, configs[1], ports[1], nodes[0]!);
            var holder = 0;
            for (var run = 0; run < runs * 2; run++)
            {
                var graceful = run % 2 == 0;
                var standby = 1 - holder;
                var signalled = Stopwatch.GetTimestamp();
                if (graceful)
                {
                    await nodes[holder]!.TerminateAsync();
                }
                else
                {
                    nodes[holder]!.KillHard();
                }

                var started = await nodes[standby]!.WaitForLineAsync(StartedLine, signalled, Timeout);
                (graceful ? leaves : kills).Add(Stopwatch.GetElapsedTime(signalled, started).TotalMilliseconds);
                if (Environment.GetEnvironmentVariable("QA_HANDOVER_TRACE") is "1")
                {
                    // What the hand-over waited for: the survivor's cluster, resolver and singleton lines since the signal.
                    Console.WriteLine($"--- {(graceful ? "SIGTERM" : "SIGKILL")} of {nodes[holder]!.Name}, seen by {nodes[standby]!.Name}:");
                    foreach (var line in nodes[standby]!.LinesSince(signalled).Where(l => l.Contains("SBR", StringComparison.Ordinal) || l.Contains("GoneProcessDowner", StringComparison.Ordinal) || l.Contains("UNREACHABLE", StringComparison.Ordinal) || l.Contains("Leader is", StringComparison.Ordinal) || l.Contains("Singleton", StringComparison.Ordinal) || l.Contains("seed roles", StringComparison.Ordinal)))
                    {
                        Console.WriteLine("  " + (line.Length > 200 ? line[..200] : line));
                    }
                }

                if (graceful)
                {
                    var stopped = await nodes[holder]!.WaitForLineAsync(StoppedLine, signalled, Timeout);
                    gaps.Add(Stopwatch.GetElapsedTime(stopped, started).TotalMilliseconds);
                }

                await nodes[holder]!.WaitForExitAsync().WaitAsync(Timeout);
                await nodes[holder]!.DisposeAsync();
                nodes[holder] = await StartStandbyAsync(holder, host, configs[holder], ports[holder], nodes[standby]!);
                holder = standby;
            }

            Console.WriteLine($"seed roles hand-over between 2 seed processes (Host {host}), {runs} graceful leaves and {runs} kills, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}{(extraConfig.Length > 0 ? ", with:\n" + extraConfig : "")}");
            Print("seed roles: SIGTERM -> other seed runs them", leaves);
            Print("  of which no seed ran them (leave gap)", gaps);
            Print("seed roles: SIGKILL -> other seed runs them", kills);
        }
        catch (TimeoutException)
        {
            foreach (var node in nodes.OfType<ClusterNode>())
            {
                await Console.Error.WriteLineAsync($"--- {node.Name} ---\n{node.Output}");
            }

            throw;
        }
        finally
        {
            foreach (var node in nodes.OfType<ClusterNode>())
            {
                await node.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Starts seed <paramref name="index"/> and waits until the cluster is settled around it: its own singleton manager
    /// has seen it up beside the older seed (state Younger: a standby), and the seed that runs the roles saw it Up.
    /// </summary>
    private static async Task<ClusterNode> StartStandbyAsync(int index, string host, string config, int port, ClusterNode holder)
    {
        var since = Stopwatch.GetTimestamp();
        var node = ClusterNode.Start($"s{index + 1}", host, config);
        await node.WaitForLineAsync("ClusterSingletonManager state change [Start -> Younger]", since, Timeout);
        await holder.WaitForLineAsync($"Leader is moving node [akka.tcp://queueactors@127.0.0.1:{port}] to [Up]", since, Timeout);
        return node;
    }

    private static void Print(string label, List<double> samples)
    {
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label + " (ms)",-52} min {samples[0]:0}  p50 {samples[samples.Count / 2]:0}  max {samples[^1]:0}  ({string.Join(", ", samples.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))})"));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
