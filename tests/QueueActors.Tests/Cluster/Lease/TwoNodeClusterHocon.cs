namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// Akka.Cluster on 127.0.0.1 (a free port) for the lease-majority tests, tuned so that a dead node is unreachable
/// within about a second and the resolver decides 2 s later; the lease comes from <c>TransportLeaseHocon.For</c>.
/// </summary>
public static class TwoNodeClusterHocon
{
    public const string Text = """
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
}
