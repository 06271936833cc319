using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>
/// The seed roles (<see cref="Actors.Cluster.Seed.SeedRoles"/>) as Akka's cluster singleton among the members of role
/// <c>seed</c>: every seed runs a <see cref="ClusterSingletonManager"/> at <c>/user/seed</c>, and the oldest seed of
/// the cluster runs the roles as its child <c>/user/seed/singleton</c>; a <see cref="ClusterSingletonProxy"/> at
/// <c>/user/seed-proxy</c> is the way to them from this node (it buffers while no seed runs them, during a hand-over).
/// A graceful leave hands them over in CoordinatedShutdown's <c>cluster-exiting</c> phase, after the node has drained
/// and before the transport closes (<see cref="NodeService"/> closes the backends after CoordinatedShutdown): the
/// roles get a PoisonPill, so the dead-letter consumer hands its deliveries back and the store finishes its write
/// before the next seed starts them. After a crash the next seed starts them once the failure detector, the Split
/// Brain Resolver and the removal margin have passed (see reference.conf's <c>akka.cluster</c>).
/// </summary>
internal static class SeedSingleton
{
    /// <summary>The name of the managers (<c>/user/seed</c>), the same on every seed.</summary>
    public const string ManagerName = "seed";

    /// <summary>The name of this node's proxy to the roles.</summary>
    public const string ProxyName = "seed-proxy";

    /// <summary>Starts this seed's manager of <paramref name="roles"/> and returns a proxy to wherever the roles run.</summary>
    public static IActorRef Start(ActorSystem system, Props roles)
    {
        system.ActorOf(ClusterSingletonManager.Props(roles, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system).WithRole(NodeSettings.SeedRole)), ManagerName);
        return system.ActorOf(ClusterSingletonProxy.Props("/user/" + ManagerName, ClusterSingletonProxySettings.Create(system).WithRole(NodeSettings.SeedRole)), ProxyName);
    }

    /// <summary>
    /// Why this seed does not answer the seed commands of the control channel, which reach every seed; null when it
    /// does. Only the seed where the roles run or are about to run answers: the oldest seed that is up (or this one
    /// while no other seed is up, e.g. a cluster of one still joining itself). A leaving seed stops answering at once;
    /// the next oldest answers through its proxy, which holds the command until the hand-over is done. A command thus
    /// reaches the roles once, not once per seed.
    /// </summary>
    public static string? StandbyReason(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfMember;
        if (self.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up))
        {
            return $"this seed is {self.Status.ToString().ToLowerInvariant()}: another seed takes the seed roles over";
        }

        var state = cluster.State;
        var older = state.Members.FirstOrDefault(member =>
            member.Status == MemberStatus.Up && member.HasRole(NodeSettings.SeedRole) && !member.Equals(self) && member.IsOlderThan(self));
        return older is null ? null
            : state.Unreachable.Contains(older) ? $"the seed that runs the seed roles ({older.Address}) is unreachable: they move to another seed once the cluster has downed it"
            : $"this is a standby seed: {older.Address} runs the seed roles";
    }
}
