using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Benchmarks.Cluster;

/// <summary>
/// The time from <c>ctl site update &lt;site&gt;</c> (StatusNet's <c>update:&lt;site&gt;</c>) to every node having
/// applied it: three node processes of the Host executable on one broker (one worker+seed, two workers), a control
/// client in this process (a ClusterClient, as <c>ctl</c> is; then again through the broker's <c>qa.control</c> and the
/// seed's relay), and <c>updates</c> signed <c>site update</c> calls, each timed until the last of the three replies (a node replies after it read the site from the registry and applied it). The nodes form one Akka
/// cluster (n1 on a fixed remoting port is the seed node). Then <c>joins</c> more workers are started one after the
/// other, each timed from its process start to the leader's MemberUp of it (the leader's log line). Last, the seed roles'
/// hand-over (<see cref="SeedHandoverBenchmark"/>).
/// </summary>
internal static class ClusterBenchmarks
{
    private const int Nodes = 3;
    private const int WarmUp = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAllAsync(Uri broker, int updates, string? hostDll, int joins = 5, int handovers = 3)
    {
        var seedPort = FreePort();
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
              cluster { control-channel = "qa.control-bench-{{id}}", signing.secret-file = "{{secret}}" }
              messaging.dead-letter-queue = "qa.dead-letters-bench-{{id}}"
              sites { "{{site}}" { breakout = [email] } }
              shutdown-timeout = 2s
            }
            akka.cluster.seed-nodes = ["127.0.0.1:{{seedPort}}"]
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
                      cluster.remoting.port = {{(i == 1 ? seedPort : 0)}}
                    }
                    """);
                nodes.Add(ClusterNode.Start("n" + i, host, config));
            }

            var clientConfig = Path.Combine(root, "client.conf");
            await File.WriteAllTextAsync(clientConfig, baseConfig);
            var settings = ClusterSettings.FromConfig(ConfigLoader.Load(clientConfig));
            var signer = CommandSigner.FromSettings(settings.Signing);
            using var clientSystem = ActorSystem.Create("bench-ctl", "akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = \"127.0.0.1\", port = 0 }");
            var receptionist = ActorPath.Parse($"akka.tcp://queueactors@127.0.0.1:{seedPort}/system/receptionist");
            var clusterClient = clientSystem.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(clientSystem).WithInitialContacts([receptionist])));
            var viaClusterClient = new ActorControlRoute(clientSystem, clusterClient, envelope => new ClusterClient.Publish(settings.ControlChannel, envelope));
            await using var client = await ControlClient.ConnectAsync(viaClusterClient, settings, signer, CommandVerifier.FromSettings(settings.Signing));
            await AwaitMembersAsync(client, nodes);

            Console.WriteLine($"site update across {Nodes} node processes (Host {host}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}, {updates} updates after {WarmUp} warm-up");
            await TimeSiteUpdatesAsync(client, site, updates, "site update via ClusterClient -> all 3 applied (ms)");
            await using var transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Load(clientConfig), null));
            await using var viaBroker = await ControlClient.ConnectAsync(new BroadcastControlRoute(transport, settings.ControlChannel), settings, signer, CommandVerifier.FromSettings(settings.Signing));
            await TimeSiteUpdatesAsync(viaBroker, site, updates, "site update via qa.control relay -> all 3 (ms)");
            await MemberUpAsync(host, root, baseConfig, nodes, joins);
            await SeedHandoverBenchmark.RunAsync(broker, host, handovers);
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

    /// <summary><paramref name="updates"/> signed <c>site update</c> calls (after a warm-up), each timed until all three nodes replied.</summary>
    private static async Task TimeSiteUpdatesAsync(ControlClient client, string site, int updates, string label)
    {
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

            if (i >= WarmUp)
            {
                samples.Add(elapsed);
            }
        }

        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-52} min {samples[0]:0.0}  p50 {Percentile(samples, 0.50):0.0}  p99 {Percentile(samples, 0.99):0.0}  max {samples[^1]:0.0}"));
    }

    /// <summary>
    /// Starts <paramref name="joins"/> workers one at a time and times each from its process start to MemberUp: the
    /// line "Leader is moving node [its address] to [Up]" in the output of whichever node leads.
    /// </summary>
    private static async Task MemberUpAsync(string host, string root, string baseConfig, List<ClusterNode> nodes, int joins)
    {
        var samples = new List<double>();
        for (var i = 1; i <= joins; i++)
        {
            var port = FreePort();
            var config = Path.Combine(root, $"j{i}.conf");
            await File.WriteAllTextAsync(config, baseConfig + $$"""

                queueactors {
                  node { name = "j{{i}}", roles = [worker] }
                  data-directory = "{{Path.Combine(root, "j" + i)}}"
                  processing.dead-letter-dir = "{{Path.Combine(root, "j" + i, "dead")}}"
                  cluster.remoting.port = {{port}}
                }
                """);
            var upLine = $"Leader is moving node [akka.tcp://queueactors@127.0.0.1:{port}] to [Up]";
            var clock = Stopwatch.StartNew();
            var joining = ClusterNode.Start("j" + i, host, config);
            nodes.Add(joining);
            while (!nodes.Any(n => n.Output.Contains(upLine, StringComparison.Ordinal)))
            {
                if (joining.HasExited || clock.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"worker j{i} was not Up within {StartTimeout}");
                }

                await Task.Delay(5);
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine("  process start -> MemberUp (ms), in order: " + string.Join(", ", samples.Select(x => x.ToString("0", CultureInfo.InvariantCulture))));
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"new worker: process start -> MemberUp (ms)",-44} min {samples[0]:0}  p50 {Percentile(samples, 0.50):0}  max {samples[^1]:0}  ({joins} joins)"));
    }

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
