using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Benchmarks.Cluster;

/// <summary>
/// The time from <c>ctl site update &lt;site&gt;</c> (StatusNet's <c>update:&lt;site&gt;</c>) to every node having
/// applied it: three node processes of the Host executable on one broker (one worker+seed, two workers), a control
/// client in this process, and <c>updates</c> signed <c>site update</c> calls, each timed until the last of the
/// three replies (a node replies after it read the site from the registry and applied it).
/// </summary>
internal static class ClusterBenchmarks
{
    private const int Nodes = 3;
    private const int WarmUp = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAllAsync(Uri broker, int updates, string? hostDll)
    {
        var host = hostDll ?? ClusterNode.FindHost();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var root = Path.Combine(Path.GetTempPath(), "qa-bench-cluster-" + id);
        Directory.CreateDirectory(root);
        var secret = Path.Combine(root, "cluster.secret");
        await File.WriteAllTextAsync(secret, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var site = "bench-" + id + ".example";
        var baseConfig = $$"""
            queueactors {
              transport.rabbitmq.servers = ["{{broker}}"]
              cluster { control-channel = "qa.control-bench-{{id}}", heartbeat-interval = 500ms, failure-detection = 3s, signing.secret-file = "{{secret}}" }
              messaging.dead-letter-queue = "qa.dead-letters-bench-{{id}}"
              sites { "{{site}}" { breakout = [email] } }
              shutdown-timeout = 2s
            }
            """;
        var nodes = new List<ClusterNode>();
        try
        {
            for (var i = 1; i <= Nodes; i++)
            {
                var config = Path.Combine(root, $"n{i}.conf");
                await File.WriteAllTextAsync(config, baseConfig + $$"""

                    queueactors {
                      node { name = "n{{i}}", roles = [{{(i == 1 ? "worker, seed" : "worker")}}] }
                      data-directory = "{{Path.Combine(root, "n" + i)}}"
                      processing.dead-letter-dir = "{{Path.Combine(root, "n" + i, "dead")}}"
                    }
                    """);
                nodes.Add(ClusterNode.Start("n" + i, host, config));
            }

            var clientConfig = Path.Combine(root, "client.conf");
            await File.WriteAllTextAsync(clientConfig, baseConfig);
            var settings = ClusterSettings.FromConfig(ConfigLoader.Load(clientConfig));
            await using var transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Load(clientConfig), null));
            await using var client = await ControlClient.ConnectAsync(transport, settings, CommandSigner.FromSettings(settings.Signing), CommandVerifier.FromSettings(settings.Signing));
            await AwaitMembersAsync(client, nodes);

            Console.WriteLine($"site update across {Nodes} node processes (Host {host}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}, {updates} updates after {WarmUp} warm-up");
            var call = new ControlCall(ControlCommands.SiteUpdate) { Mode = ReplyMode.All, Arguments = new Dictionary<string, string> { [ControlArguments.Site] = site } };
            var samples = new List<double>();
            for (var i = 0; i < WarmUp + updates; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await client.SendAsync(call);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (result.Served.Count != Nodes || result.Served.Any(r => !r.Reply.IsOk))
                {
                    throw new InvalidOperationException($"update {i}: {result.Served.Count} of {Nodes} nodes applied it: " + string.Join("; ", result.Responses.Select(r => $"{r.Node}: {r.Reply.Text}")));
                }

                if (i == 0)
                {
                    Console.WriteLine("  replies: " + string.Join("; ", result.Served.Select(r => $"{r.Node}: {r.Reply.Text}")));
                }

                if (i >= WarmUp)
                {
                    samples.Add(elapsed);
                }
            }

            samples.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"site update -> all 3 nodes applied (ms)",-44} min {samples[0]:0.0}  p50 {Percentile(samples, 0.50):0.0}  p99 {Percentile(samples, 0.99):0.0}  max {samples[^1]:0.0}"));
            return 0;
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(error.Message);
            foreach (var node in nodes)
            {
                await Console.Error.WriteLineAsync($"--- {node.Name} ---\n{node.Output}");
            }

            return 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Waits until <c>cluster show</c> lists every node as up.</summary>
    private static async Task AwaitMembersAsync(ControlClient client, List<ClusterNode> nodes)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (nodes.FirstOrDefault(n => n.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"node {dead.Name} exited");
            }

            var result = await client.SendAsync(new ControlCall(ControlCommands.ClusterShow) { Timeout = TimeSpan.FromSeconds(2) });
            if (result.Served.FirstOrDefault()?.Reply.Data is { ValueKind: JsonValueKind.Array } members
                && members.EnumerateArray().Count(m => m.GetProperty("state").GetString() == "up") == Nodes)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the {Nodes} nodes were not all up within {StartTimeout}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
