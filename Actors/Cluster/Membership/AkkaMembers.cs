using Akka.Actor;
using Akka.Cluster;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// This node's view of the Akka cluster (<c>Cluster.Get(system).State</c>), for <c>cluster show</c> and for how many
/// replies a control request should get. Null on an actor system that is not a cluster member.
/// </summary>
public static class AkkaMembers
{
    /// <summary>Whether <paramref name="system"/> runs Akka.Cluster.</summary>
    public static bool IsClustered(ActorSystem system) => system is ExtendedActorSystem { Provider: ClusterActorRefProvider };

    /// <summary>This node's Akka address, or null when the system is not a cluster member.</summary>
    public static string? SelfAddress(ActorSystem system) => IsClustered(system) ? Akka.Cluster.Cluster.Get(system).SelfAddress.ToString() : null;

    /// <summary>Every member the cluster state holds, by address: its member state (unreachable overrides up), roles.</summary>
    public static IReadOnlyList<AkkaMember>? View(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!IsClustered(system))
        {
            return null;
        }

        var state = Akka.Cluster.Cluster.Get(system).State;
        var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        return [.. state.Members.Select(m => new AkkaMember(
            m.Address.ToString(),
            unreachable.Contains(m.UniqueAddress) && m.Status is not (MemberStatus.Down or MemberStatus.Removed) ? AkkaMember.Unreachable : StateName(m.Status),
            [.. m.Roles.Order(StringComparer.Ordinal)]))];
    }

    /// <summary>
    /// How many members are in the cluster (joining, weakly up or up: not leaving, exiting or down), reachable and have
    /// <paramref name="role"/> (any role when null), or null when the system is not a cluster member. Joining ones count:
    /// views converge by gossip, and a node that already answers may still see itself, or a peer, joining.
    /// </summary>
    public static int? CountUp(ActorSystem system, string? role) =>
        View(system)?.Count(m => m.State is AkkaMember.Up or AkkaMember.Joining or AkkaMember.WeaklyUp && (role is null || m.Roles.Contains(role)));

    private static string StateName(MemberStatus status) => status switch
    {
        MemberStatus.Up => AkkaMember.Up,
        MemberStatus.WeaklyUp => AkkaMember.WeaklyUp,
        _ => status.ToString().ToLowerInvariant(), // joining, leaving, exiting, down, removed
    };
}
