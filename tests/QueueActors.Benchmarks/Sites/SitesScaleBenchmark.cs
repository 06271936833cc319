using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Benchmarks.Cluster;

namespace QueueActors.Benchmarks.Sites;

/// <summary>
/// How one node grows with its sites (issue [9] item 5, StatusNet hosting thousands of sites in one daemon): for each
/// (sites, breakouts) pair, one node process (worker and seed, RabbitMQ) whose configuration declares that many sites
/// on the shared queue <c>bench</c>, the first <c>breakouts</c> of them with <c>bench</c> broken out onto its own
/// broker queue. Measured: process start to "is up", resident memory once up, idle CPU over 10 s (from 30 s after "is up", when the JIT has settled), and the
/// <c>site update</c> round trip (signed, through a ClusterClient as <c>ctl</c>) for a shared-queue site and a
/// broken-out one.
/// </summary>
internal static class SitesScaleBenchmark
{
    private const int Updates = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAllAsync(Uri broker, IReadOnlyList<(int Sites, int Breakouts)> shapes)
    {
        Console.WriteLine($"one node, sites on the shared queue and broken out: {Environment.ProcessorCount} cores, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}");
        Console.WriteLine($"{"SITES",7} {"BREAKOUT",8} {"CONFIG KB",9} {"START MS",9} {"RSS MB",7} {"IDLE CPU %",10} {"UPDATE SHARED P50",17} {"UPDATE BREAKOUT P50",19}");
        foreach (var (sites, breakouts) in shapes)
        {
            if (await RunAsync(broker, sites, breakouts) is { } failure)
            {
                await Console.Error.WriteLineAsync(failure);
                return 1;
            }
        }

        return 0;
    }

    /// <returns>Null, or why the shape could not be measured (with the node's output).</returns>
    private static async Task<string?> RunAsync(Uri broker, int sites, int breakouts)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var root = Directory.CreateTempSubdirectory("qa-bench-sites-").FullName;
        var secret = Path.Combine(root, "cluster.secret");
        await File.WriteAllTextAsync(secret, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var port = ClusterBenchmarks.FreePort();
        var config = Path.Combine(root, "node.conf");
        await File.WriteAllTextAsync(config, Config(broker, id, secret, port, root, sites, breakouts));
        var clock = Stopwatch.StartNew();
        await using var node = ClusterNode.Start("sites", Path.Combine(AppContext.BaseDirectory, "QueueActors.Benchmarks.dll"), config, SitesNode.Verb);
        try
        {
            await node.WaitForLineAsync("is up", 0, StartTimeout);
            var start = clock.Elapsed.TotalMilliseconds;
            await Task.Delay(Settle); // the cluster forms, tiered compilation settles: what follows is the node at rest
            var cpu = ProcessCpu(node.ProcessId);
            var idle = Stopwatch.StartNew();
            await Task.Delay(IdleWindow);
            var idlePercent = (ProcessCpu(node.ProcessId) - cpu).TotalMilliseconds / idle.Elapsed.TotalMilliseconds * 100;
            var rss = ResidentBytes(node.ProcessId) / (1024.0 * 1024);
            var shared = await TimeSiteUpdatesAsync(config, port, SiteName(sites - 1));
            var brokenOut = breakouts > 0 ? await TimeSiteUpdatesAsync(config, port, SiteName(0)) : double.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sites,7} {breakouts,8} {new FileInfo(config).Length / 1024,9} {start,9:0} {rss,7:0} {idlePercent,10:0.0} {shared,17:0.0} {brokenOut,19:0.0}"));
            return null;
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            return $"{sites} sites, {breakouts} broken out: {error.Message}\n--- node ---\n{node.Output}";
        }
        finally
        {
            await node.TerminateAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Directory.Delete(root, recursive: true);
        }
    }

    private static string SiteName(int index) => $"site{index:00000}.example";

    private static string Config(Uri broker, string id, string secret, int port, string root, int sites, int breakouts)
    {
        var text = new StringBuilder($$"""
            queueactors {
              node { name = "sites-{{id}}", roles = [worker, seed] }
              transport.rabbitmq.servers = ["{{broker}}"]
              cluster { control-channel = "qa.control-sites-{{id}}", signing.secret-file = "{{secret}}", remoting.port = {{port}} }
              messaging.dead-letter-queue = "qa.dead-letters-sites-{{id}}"
              data-directory = "{{root}}/data"
              processing.dead-letter-dir = "{{root}}/dead"
              shutdown-timeout = 5s
              sites {

            """);
        for (var i = 0; i < sites; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    \"{SiteName(i)}\" {{ queues = [bench]{(i < breakouts ? ", breakout = [bench]" : "")} }}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  }}\n}}\nakka.cluster.seed-nodes = [\"127.0.0.1:{port}\"]\n");
        return text.ToString();
    }

    /// <summary>The p50 of <see cref="Updates"/> signed <c>site update</c> calls (after 3 warm-up), each until the node replied.</summary>
    private static async Task<double> TimeSiteUpdatesAsync(string configFile, int port, string site)
    {
        var settings = ClusterSettings.FromConfig(ConfigLoader.Load(configFile));
        using var clientSystem = ActorSystem.Create("bench-ctl", "akka.loglevel = WARNING\nakka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = \"127.0.0.1\", port = 0 }");
        var receptionist = ActorPath.Parse($"akka.tcp://queueactors@127.0.0.1:{port}/system/receptionist");
        var clusterClient = clientSystem.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(clientSystem).WithInitialContacts([receptionist])));
        var route = new ActorControlRoute(clientSystem, clusterClient, envelope => new ClusterClient.Publish(settings.ControlChannel, envelope));
        var signer = CommandSigner.FromSettings(settings.Signing);
        await using var client = await ControlClient.ConnectAsync(route, settings, signer, CommandVerifier.FromSettings(settings.Signing));
        var call = new ControlCall(ControlCommands.SiteUpdate) { Mode = ReplyMode.All, Arguments = new Dictionary<string, string> { [ControlArguments.Site] = site } };
        var samples = new List<double>();
        for (var i = 0; i < 3 + Updates; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await client.SendAsync(call);
            if (result.Served.Count != 1 || !result.Served[0].Reply.IsOk)
            {
                throw new InvalidOperationException($"site update {site}: " + string.Join("; ", result.Responses.Select(r => $"{r.Node}: {r.Reply.Text}")));
            }

            if (i >= 3)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>User + system CPU time of a process, from /proc/&lt;pid&gt;/stat.</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>VmRSS of a process, from /proc/&lt;pid&gt;/status.</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
