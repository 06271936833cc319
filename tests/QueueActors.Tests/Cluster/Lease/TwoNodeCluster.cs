using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using QueueActors.TestKit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// Two actor systems in one Akka cluster on 127.0.0.1 (free ports) for the lease tests: the HOCON, tuned so that a dead
/// node is unreachable within about a second and the resolver decides 2 s later (the lease comes from
/// <c>TransportLeaseHocon.For</c>), the join, and each system's remoting transport (to cut the two apart).
/// </summary>
public static class TwoNodeCluster
{
    public const string Hocon = """
        akka {
          loglevel = INFO
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster {
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            split-brain-resolver {
              stable-after = 2s
              lease-majority.acquire-lease-delay-for-minority = 500ms
            }
            failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s }
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            unreachable-nodes-reaper-interval = 250ms
          }
        }
        """;

    /// <summary>Joins both to the seed and waits until each sees two members Up.</summary>
    public static async Task JoinAsync(ActorSystem seed, ActorSystem worker)
    {
        var seedAddress = AkkaCluster.Get(seed).SelfAddress;
        await AkkaCluster.Get(seed).JoinAsync(seedAddress);
        await AkkaCluster.Get(worker).JoinAsync(seedAddress);
        await AwaitCondition.UntilAsync(
            () => new[] { seed, worker }.All(s => AkkaCluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == 2),
            TimeSpan.FromSeconds(30),
            "both nodes Up");
    }

    /// <summary>The remoting transport of <paramref name="system"/>, for Akka.Remote's throttler commands.</summary>
    public static RemoteTransport Transport(ActorSystem system) => ((IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport;
}
