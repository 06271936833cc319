using System.Collections.Immutable;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Several <c>qa-testworker</c> node processes on one broker, in one temp folder: a base configuration (the broker,
/// a control channel and queue of this cluster only, short cluster timings, the secret file), a configuration per
/// node (its name, roles, data directory and dead-letter directory), and <c>queueactors</c> CLI runs against it.
/// Disposing kills what still runs and writes every node's output to the test log.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>How long a test waits for an effect across processes.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly RabbitMqBroker _broker;
    private readonly ITestOutputHelper _output;
    private readonly List<(string Name, WorkerProcess Process)> _nodes = [];
    private readonly OrderedDictionary<string, int> _ports = new(StringComparer.Ordinal); // the first node's port first: it forms the cluster
    private readonly string _extraConfig;
    private RabbitMqTransport? _transport;
    private readonly List<Akka.Actor.ActorSystem> _clientSystems = [];

    /// <param name="broker">The broker every node runs on.</param>
    /// <param name="output">Where the nodes' output goes when the test ends.</param>
    /// <param name="extraConfig">HOCON appended to every node's (and the CLI's) configuration.</param>
    public TestCluster(RabbitMqBroker broker, ITestOutputHelper output, string extraConfig = "")
    {
        _broker = broker;
        _output = output;
        _extraConfig = extraConfig;
        Directory.CreateDirectory(Out);
        File.WriteAllText(SecretFile, "multi-node-test-secret-" + Id + "-0123456789");
        File.WriteAllText(ConfigFile, BaseConfig(SecretFile));
    }

    /// <summary>Makes this cluster's names unique on the shared broker.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..8];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "qa-multinode-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The test handler's logical queue (QA_WORKER_QUEUE of every node).</summary>
    public string Queue => "mn-" + Id;

    /// <summary>The test handler's marker files.</summary>
    public string Out => Path.Combine(Root, "out");

    public string SecretFile => Path.Combine(Root, "cluster.secret");

    /// <summary>The configuration the CLI runs with (the nodes' without a node section).</summary>
    public string ConfigFile => Path.Combine(Root, "cluster.conf");

    public IReadOnlyList<(string Name, WorkerProcess Process)> Nodes => _nodes;

    /// <summary>
    /// Starts node <paramref name="name"/> with <paramref name="roles"/> (worker, seed), a member of this cluster's Akka
    /// cluster: each node has a fixed remoting port (kept across restarts), and every node's seed nodes are the first
    /// node started, then every other node known, so the first one forms the cluster and a restarted one joins the rest.
    /// </summary>
    public WorkerProcess StartNode(string name, string roles, string extraConfig = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var config = Path.Combine(Root, name + ".conf");
        var port = RemotingPort(name);
        var seeds = string.Join(", ", _ports.Values.Select(p => $"\"127.0.0.1:{p}\""));
        File.WriteAllText(config, BaseConfig(SecretFile) + $$"""

            queueactors {
              node { name = "{{name}}", roles = [{{roles}}] }
              data-directory = "{{Path.Combine(Root, name, "data")}}"
              processing.dead-letter-dir = "{{DeadLetterDirectory(name)}}"
              cluster.remoting.port = {{port}}
            }
            akka.cluster.seed-nodes = [{{seeds}}]
            {{extraConfig}}
            """);
        var process = WorkerProcess.Start(["run", "--config", config], Queue, Out, environment);
        _nodes.Add((name, process));
        return process;
    }

    /// <summary>The Akka remoting port of node <paramref name="name"/>: a free loopback port, the same at every start.</summary>
    public int RemotingPort(string name)
    {
        if (!_ports.TryGetValue(name, out var port))
        {
            do
            {
                port = FreePort();
            }
            while (_ports.ContainsValue(port));

            _ports.Add(name, port);
        }

        return port;
    }

    /// <summary>The Akka address of node <paramref name="name"/>.</summary>
    public string AkkaAddress(string name) => AkkaAddressAt(RemotingPort(name));

    /// <summary>The dead-letter directory of node <paramref name="name"/>.</summary>
    public string DeadLetterDirectory(string name) => Path.Combine(Root, name, "dead");

    /// <summary>A configuration like the cluster's but signing with another secret (a forger's).</summary>
    public string ForgerConfigFile()
    {
        var secret = Path.Combine(Root, "forged.secret");
        File.WriteAllText(secret, "not-the-cluster-secret-but-long-enough");
        var file = Path.Combine(Root, "forger.conf");
        File.WriteAllText(file, BaseConfig(secret));
        return file;
    }

    /// <summary>Runs the <c>queueactors</c> CLI (<paramref name="arguments"/> then <c>--config</c>) to its end.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(params string[] arguments) => CliWithConfigAsync(ConfigFile, arguments);

    /// <summary>Runs the CLI with another configuration file; <c>ctl</c> contacts every node this cluster has started (<c>--seed</c>).</summary>
    public async Task<(int ExitCode, string Output)> CliWithConfigAsync(string config, params string[] arguments)
    {
        string[] contacts = _ports.Count > 0 ? ["--seed", string.Join(',', _ports.Values.Select(p => $"127.0.0.1:{p}"))] : [];
        await using var process = WorkerProcess.Start([.. arguments, "--config", config, .. contacts], Queue, Out);
        await process.WaitForExitAsync().WaitAsync(Wait);
        _output.WriteLine($"$ queueactors {string.Join(' ', arguments)} -> {process.ExitCode}\n{process.Output}");
        return (process.ExitCode, process.Output);
    }

    /// <summary>
    /// Publishes <paramref name="wire"/> as it is to the cluster's control topic through a new ClusterClient of this test
    /// (as <c>ctl</c> does), contacting the nodes that run now: what an eavesdropper on remoting could replay.
    /// </summary>
    public void PublishToTopic(byte[] wire)
    {
        var system = Akka.Actor.ActorSystem.Create("test-client", "akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = \"127.0.0.1\", port = 0 }");
        _clientSystems.Add(system);
        var running = _nodes.Where(n => !n.Process.HasExited).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var contacts = _ports.Where(p => running.Contains(p.Key)).Select(p => Akka.Actor.ActorPath.Parse($"{AkkaAddressAt(p.Value)}/system/receptionist")).ToImmutableHashSet();
        var client = system.ActorOf(Akka.Cluster.Tools.Client.ClusterClient.Props(Akka.Cluster.Tools.Client.ClusterClientSettings.Create(system).WithInitialContacts(contacts)));
        client.Tell(new Akka.Cluster.Tools.Client.ClusterClient.Publish("qa.control-" + Id, new ControlEnvelope(wire)), Akka.Actor.ActorRefs.NoSender);
    }

    /// <summary><c>ctl --json &lt;arguments&gt;</c>, asserted to succeed, as a JSON document.</summary>
    public async Task<JsonElement> CtlJsonAsync(params string[] arguments)
    {
        var (exitCode, output) = await CliAsync(["ctl", .. arguments, "--json"]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ctl {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }

        return JsonDocument.Parse(output[output.IndexOfAny(['{', '['])..]).RootElement.Clone();
    }

    /// <summary><c>ctl cluster show</c>: each member's state by node name.</summary>
    public async Task<Dictionary<string, JsonElement>> MembersAsync()
    {
        var members = await CtlJsonAsync("cluster", "show");
        return members.EnumerateArray().ToDictionary(m => m.GetProperty("node").GetString()!, m => m, StringComparer.Ordinal);
    }

    /// <summary>Waits until <c>cluster show</c> lists every started node (or those given) as up.</summary>
    public Task AwaitMembersUpAsync(params string[] names) =>
        AwaitCondition.UntilAsync(
            async () =>
            {
                var wanted = names.Length > 0 ? names : [.. _nodes.Where(n => !n.Process.HasExited).Select(n => n.Name)];
                try
                {
                    var members = await MembersAsync();
                    return wanted.All(n => members.TryGetValue(n, out var m) && m.GetProperty("state").GetString() == "up");
                }
                catch (InvalidOperationException)
                {
                    return false; // no node answered yet
                }
            },
            Wait,
            "every node to be up in cluster show");

    /// <summary>Waits until a file matching <paramref name="pattern"/> is in <see cref="Out"/>.</summary>
    public Task AwaitMarkerAsync(string pattern) =>
        AwaitCondition.UntilAsync(() => Directory.GetFiles(Out, pattern).Length > 0, Wait, $"a marker {pattern}\n{Outputs()}");

    public bool HasMarker(string pattern) => Directory.GetFiles(Out, pattern).Length > 0;

    /// <summary>A publisher on this cluster's broker whose topology routes <paramref name="breakouts"/> (site, queue) onto their own queues.</summary>
    public async Task<EventPublisher> PublisherAsync(params (string Site, string Queue)[] breakouts)
    {
        _transport ??= await Transport.RabbitMq.TestTransports.ConnectAsync(_broker.AmqpUri);
        var topology = new QueueTopology(MessagingSettings.FromConfig(ConfigLoader.Load(ConfigFile)));
        foreach (var site in breakouts.GroupBy(b => b.Site))
        {
            topology.SetSiteBreakout(site.Key, [.. site.Select(b => b.Queue)]);
        }

        return new EventPublisher(_transport, topology);
    }

    /// <summary>Events waiting on broker queue <paramref name="brokerQueue"/>.</summary>
    public async Task<long> ReadyAsync(string brokerQueue)
    {
        _transport ??= await Transport.RabbitMq.TestTransports.ConnectAsync(_broker.AmqpUri);
        return (await _transport.GetStatusAsync(brokerQueue)).MessagesReady;
    }

    /// <summary>Every node's output so far, for failure messages.</summary>
    public string Outputs() => string.Join('\n', _nodes.Select(n => $"--- {n.Name} (pid {n.Process.Id}) ---\n{n.Process.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, process) in _nodes)
        {
            _output.WriteLine($"--- {name} (pid {process.Id}) ---\n{process.Output}");
            await process.DisposeAsync();
        }

        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }

        await Task.WhenAll(_clientSystems.Select(c => c.Terminate())).WaitAsync(Wait);

        Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// A free port in 10000–14999 for a node's remoting, as the server fixtures pick theirs: below the kernel's
    /// ephemeral range (where nodes with port 0 bind), apart from PostgreSQL's 15000–19999, RabbitMQ's 20000–29999
    /// and Prosody's 30000–31999.
    /// </summary>
    internal static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(10000, 15000);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("no free port in 10000-14999");
    }

    private static string AkkaAddressAt(int port) => $"akka.tcp://queueactors@127.0.0.1:{port}";

    private string BaseConfig(string secretFile) => $$"""
        queueactors {
          transport.rabbitmq { servers = ["{{_broker.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
          messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{Id}}" }
          processing { max-retries = 2, retry-backoff { min = 50ms, max = 200ms } }
          cluster {
            control-channel = "qa.control-{{Id}}"
            request-timeout = 5s
            signing.secret-file = "{{secretFile}}"
          }
          shutdown-timeout = 2s
          data-directory = "{{Path.Combine(Root, "cli-data")}}"
        }
        {{_extraConfig}}
        """;
}
