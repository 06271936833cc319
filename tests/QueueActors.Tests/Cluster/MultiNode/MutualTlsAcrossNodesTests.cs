using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Tls;
using QueueActors.Tests.Host;
using QueueActors.Tests.Host.Startup;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Mutual TLS on remoting between node processes: nodes with certificates of the cluster CA form a cluster; a node
/// or a client whose certificate another CA signed, or that speaks no TLS, never joins and gets no message to any
/// actor, and the node logs the refused handshake. The password of a certificate is never in a log.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MutualTlsAcrossNodesTests(TlsNodesFixture nodes, ITestOutputHelper output) : IClassFixture<TlsNodesFixture>
{
    /// <summary>The cluster daemon of a node: where a Join goes, and an actor every member has.</summary>
    private const string Daemon = "/system/cluster/core/daemon";

    private const string Refused = "Rejected incoming connection";

    [Fact]
    public void Two_nodes_with_certificates_of_the_cluster_CA_form_a_cluster_and_log_no_password()
    {
        Assert.Contains($"Leader is moving node [{TlsNodesFixture.Address(nodes.MemberPort)}] to [Up]", nodes.Seed.Output, StringComparison.Ordinal);
        Assert.Contains("Remoting TLS (mutual): certificate CN=n2", nodes.Member.Output, StringComparison.Ordinal);
        foreach (var password in Directory.GetFiles(nodes.Certificates.Root, "*.password").Select(File.ReadAllText))
        {
            Assert.DoesNotContain(password, nodes.Outputs(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_node_whose_certificate_another_CA_signed_never_joins_and_the_seed_logs_the_refused_handshake()
    {
        var refusedBefore = Count(nodes.Seed.Output, Refused);
        var port = TestCluster.FreePort();

        var outsider = nodes.StartNode("outsider", port, nodes.Certificates.ForeignCa); // stopped with the others by the fixture

        // Its own system stops when the handshake to the seed fails (Akka.Remote's rule), so the outsider is gone for good.
        var exitCode = await outsider.WaitForExitAsync(TlsNodesFixture.Wait);
        output.WriteLine(outsider.Output);
        Assert.Equal(6, exitCode);
        await AwaitCondition.UntilAsync(() => Count(nodes.Seed.Output, Refused) > refusedBefore, TlsNodesFixture.Wait, $"the seed to log the refused handshake\n{nodes.Outputs()}");
        var address = $"127.0.0.1:{port}]";
        Assert.DoesNotContain(address, nodes.Seed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(address, nodes.Member.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_presenting_a_certificate_another_CA_signed_gets_no_answer_while_one_of_the_cluster_CA_does()
    {
        var (file, passwordFile) = nodes.Certificates.Node("intruder", nodes.Certificates.ForeignCa);
        var intruderCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(file, File.ReadAllText(passwordFile));
        var clusterCa = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(nodes.Certificates.ClusterCaFile);

        // The intruder knows the cluster CA's certificate (it is no secret) and accepts the node's: only its own is wrong.
        var intruderSetup = new DotNettySslSetup(intruderCertificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, new ClusterCaValidator(clusterCa).Validate);
        using (var intruder = ClientSystem("intruder", RemotingTls.EnableSslHocon, intruderSetup))
        {
            var answer = IdentifyAsync(intruder, TlsNodesFixture.Address(nodes.SeedPort));
            await nodes.Seed.WaitForLineAsync("CN=intruder (issuer CN=Foreign CA) is not signed by this cluster's CA", TlsNodesFixture.Wait);
            Assert.Null(await answer);
        }

        var config = ConfigLoader.LoadText(nodes.Certificates.NodeConfig("client", nodes.Certificates.ClusterCa), _ => null);
        var tls = RemotingTls.Load(config, NodeRemoting.FromConfig(config).Tls!);
        using var client = ClientSystem("client", RemotingTls.EnableSslHocon, tls.SslSetup());
        Assert.NotNull(await IdentifyAsync(client, TlsNodesFixture.Address(nodes.SeedPort)));
    }

    [Fact]
    public async Task A_client_without_TLS_gets_no_answer_and_the_node_rejects_its_connection()
    {
        using var plain = ClientSystem("plain", string.Empty, null);

        var answer = IdentifyAsync(plain, $"akka.tcp://queueactors@127.0.0.1:{nodes.SeedPort}");

        await nodes.Seed.WaitForLineAsync("not an SSL/TLS record", TlsNodesFixture.Wait);
        Assert.Null(await answer);
    }

    [Fact]
    public async Task Ctl_reaches_the_cluster_with_a_certificate_of_the_cluster_CA_and_not_without_one()
    {
        var dataDirectory = Path.Combine(nodes.Certificates.Root, "n1"); // n1's contact point and cluster secret
        var withCertificate = Path.Combine(nodes.Certificates.Root, "ctl.conf");
        await File.WriteAllTextAsync(withCertificate, nodes.Certificates.NodeConfig("ctl", nodes.Certificates.ClusterCa));
        var withoutCertificate = Path.Combine(nodes.Certificates.Root, "ctl-plain.conf");
        await File.WriteAllTextAsync(withoutCertificate, string.Empty);

        await using var ctl = NodeProcess.StartIn(nodes.Certificates.Root, StartupFailure.CleanEnvironment, "ctl", "cluster", "show", "--config", withCertificate, "--data-dir", dataDirectory);
        Assert.True(await ctl.WaitForExitAsync(TlsNodesFixture.Wait) == 0, ctl.Output);
        Assert.Contains("n1 ", ctl.Output, StringComparison.Ordinal);
        Assert.Contains("n2 ", ctl.Output, StringComparison.Ordinal);

        await using var plain = NodeProcess.StartIn(nodes.Certificates.Root, StartupFailure.CleanEnvironment, "ctl", "status", "--config", withoutCertificate, "--data-dir", dataDirectory);
        Assert.True(await plain.WaitForExitAsync(TlsNodesFixture.Wait) == 3, plain.Output);
    }

    /// <summary>An actor system in this process that is no member, only remoting (what <c>ctl</c> will be: a cluster client).</summary>
    private static ActorSystem ClientSystem(string name, string tlsHocon, DotNettySslSetup? ssl)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.coordinated-shutdown.exit-clr = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            {{tlsHocon}}
            """);
        var setup = BootstrapSetup.Create().WithConfig(config);
        return ssl is null ? ActorSystem.Create(name, setup) : ActorSystem.Create(name, setup.And(ssl));
    }

    /// <summary>
    /// The node's cluster daemon as an Identify at <paramref name="address"/> finds it, or null: a message that cannot be
    /// delivered goes to the sender's dead letters, which answer an Identify with no actor; or no answer within 5 s.
    /// </summary>
    private static async Task<IActorRef?> IdentifyAsync(ActorSystem system, string address)
    {
        try
        {
            var identity = await system.ActorSelection(address + Daemon).Ask<ActorIdentity>(new Identify("tls-test"), TimeSpan.FromSeconds(5));
            return identity.Subject;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static int Count(string text, string part) => text.Split('\n').Count(line => line.Contains(part, StringComparison.Ordinal));
}
