using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit.Processing;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Benchmarks.Partitions;

/// <summary>An in-process cluster member that handles <c>queue</c> with <see cref="CountingHandler"/>, on a broker connection of its own.</summary>
internal sealed record BenchNode(ActorSystem System, RabbitMqTransport Transport, ProcessingHarness Harness)
{
    /// <summary>A cluster member on loopback with Akka's defaults otherwise.</summary>
    public static readonly Config Akka = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    /// <summary>Starts a node and joins it to <paramref name="first"/> (or to itself): returns at its MemberUp.</summary>
    public static async Task<BenchNode> StartAsync(Uri broker, Config akka, string config, BenchCounter counter, string queue, BenchNode? first)
    {
        var system = ActorSystem.Create("bench-partitions", akka);
        var transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Reference, [broker]));
        var harness = await ProcessingHarness.StartAsync(services => services.AddSingleton(counter).AddQueueHandler<CountingHandler>(queue), config, transport: transport, system: system);
        await AkkaCluster.Get(system).JoinAsync(AkkaCluster.Get(first?.System ?? system).SelfAddress);
        return new BenchNode(system, transport, harness);
    }

    /// <summary>Stops the nodes, the last started first.</summary>
    public static async Task StopAllAsync(IEnumerable<BenchNode> nodes)
    {
        foreach (var node in nodes.Reverse())
        {
            await node.Harness.DisposeAsync();
            await AkkaCluster.Get(node.System).LeaveAsync();
            await node.System.Terminate();
            await node.Transport.DisposeAsync();
        }
    }
}
