using QueueActors.Tests.Host;
using QueueActors.Tests.Host.Startup;
using QueueActors.Tests.Host.Tls;
using Xunit;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Two embedded node processes (SQLite, no broker) with mutual TLS on remoting and certificates of one cluster CA:
/// n1 forms the cluster, n2 joins it through n1. A class fixture of <see cref="MutualTlsAcrossNodesTests"/>; <see cref="MutualTlsMemberLossTests"/> makes its own.
/// </summary>
public sealed class TlsNodesFixture : IAsyncLifetime
{
    /// <summary>How long a test waits for an effect across processes.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly List<NodeProcess> processes = [];

    internal TestCertificates Certificates { get; } = new();

    public int SeedPort { get; } = TestCluster.FreePort();

    public int MemberPort { get; private set; }

    internal NodeProcess Seed { get; private set; } = null!;

    internal NodeProcess Member { get; private set; } = null!;

    /// <summary>The address of a node of this cluster at <paramref name="port"/>.</summary>
    public static string Address(int port) => $"akka.ssl.tcp://queueactors@127.0.0.1:{port}";

    /// <summary>
    /// Starts node <paramref name="name"/> on <paramref name="port"/>, joining through the seed unless it is the seed,
    /// with a certificate of <paramref name="caDirectory"/> (which it also trusts).
    /// </summary>
    internal NodeProcess StartNode(string name, int port, string caDirectory)
    {
        var file = Path.Combine(Certificates.Root, name + ".conf");
        var seeds = port == SeedPort ? string.Empty : $"akka.cluster.seed-nodes = [\"127.0.0.1:{SeedPort}\"]";
        File.WriteAllText(file, $$"""
            queueactors {
              node { name = "{{name}}", roles = [worker] }
              data-directory = "{{Path.Combine(Certificates.Root, name)}}"
              cluster.remoting.port = {{port}}
              shutdown-timeout = 2s
            }
            {{seeds}}
            {{Certificates.NodeConfig(name, caDirectory)}}
            """);
        var process = NodeProcess.StartIn(Certificates.Root, StartupFailure.CleanEnvironment, "run", "--config", file);
        processes.Add(process);
        return process;
    }

    /// <summary>Every node's output so far, for failure messages.</summary>
    internal string Outputs() => string.Join('\n', processes.Select((p, i) => $"--- node {i} ---\n{p.Output}"));

    public async Task InitializeAsync()
    {
        Seed = StartNode("n1", SeedPort, Certificates.ClusterCa);
        await Seed.WaitForLineAsync($"Leader is moving node [{Address(SeedPort)}] to [Up]", Wait);
        do
        {
            MemberPort = TestCluster.FreePort();
        }
        while (MemberPort == SeedPort);

        Member = StartNode("n2", MemberPort, Certificates.ClusterCa);
        await Seed.WaitForLineAsync($"Leader is moving node [{Address(MemberPort)}] to [Up]", Wait);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        Certificates.Dispose();
    }
}
