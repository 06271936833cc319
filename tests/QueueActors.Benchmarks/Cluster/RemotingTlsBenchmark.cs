using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Tls;

namespace QueueActors.Benchmarks.Cluster;

/// <summary>
/// What mutual TLS costs on remoting (issue [7] item 5): two actor systems in this process on loopback, one asks an
/// echo actor on the other, one message at a time; the round trip with plain remoting, then with TLS (certificates
/// of one CA made for the run). The first connection (and its handshake) is outside the samples.
/// </summary>
public static class RemotingTlsBenchmark
{
    public static async Task<int> RunAllAsync(int roundTrips)
    {
        var folder = Path.Combine(Path.GetTempPath(), "qa-tls-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            ClusterCertificates.CreateAuthority(Path.Combine(folder, "ca"), "bench CA", TimeSpan.FromDays(1));
            await MeasureAsync("plain remoting (akka.tcp)", roundTrips, null, null);
            await MeasureAsync("mutual TLS (akka.ssl.tcp)", roundTrips, Tls(folder, "a"), Tls(folder, "b"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(string label, int roundTrips, RemotingTls? serverTls, RemotingTls? clientTls)
    {
        using var server = Create("server", serverTls);
        using var client = Create("client", clientTls);
        server.ActorOf(Props.Create(() => new Echo()), "echo");
        var address = ((ExtendedActorSystem)server).Provider.DefaultAddress;
        var echo = await client.ActorSelection(address + "/user/echo").ResolveOne(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 1000; i++)
        {
            await echo.Ask<int>(i, TimeSpan.FromSeconds(10)); // warm-up: connection, handshake, JIT
        }

        var samples = new List<double>(roundTrips);
        var clock = new Stopwatch();
        for (var i = 0; i < roundTrips; i++)
        {
            clock.Restart();
            await echo.Ask<int>(i, TimeSpan.FromSeconds(10));
            samples.Add(clock.Elapsed.TotalMicroseconds);
        }

        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-28} round trip (µs): p50 {Percentile(samples, 0.50):0}  p99 {Percentile(samples, 0.99):0}  max {samples[^1]:0}  ({roundTrips} asks)"));
    }

    private static ActorSystem Create(string name, RemotingTls? tls)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.loglevel = WARNING
            {{(tls is null ? string.Empty : RemotingTls.EnableSslHocon)}}
            """);
        var setup = BootstrapSetup.Create().WithConfig(config);
        return tls is null ? ActorSystem.Create(name, setup) : ActorSystem.Create(name, setup.And(tls.SslSetup()));
    }

    private static RemotingTls Tls(string folder, string name)
    {
        var file = Path.Combine(folder, name + ".pfx");
        var passwordFile = file + ".password";
        var password = ClusterCertificates.NewPassword();
        ClusterCertificates.CreateNode(Path.Combine(folder, "ca"), name, [], file, password, TimeSpan.FromDays(1));
        ClusterCertificates.WriteOwnerOnly(passwordFile, password);
        var config = ConfigLoader.LoadText(
            $"queueactors.cluster.remoting.tls {{ enabled = on, certificate-file = \"{file}\", password-file = \"{passwordFile}\", ca-file = \"{Path.Combine(folder, "ca", ClusterCertificates.CaCertificateFile)}\" }}",
            _ => null);
        return RemotingTls.Load(config, NodeRemoting.FromConfig(config).Tls!);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<int>(n => Sender.Tell(n));
    }
}
