using System.Diagnostics.Metrics;
using Akka.Actor;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Host.Web;

/// <summary>The cluster members by state, for <c>queueactors.cluster.members</c>, read from <see cref="AkkaMembers.View"/> at each scrape.</summary>
internal static class ClusterMembersGauge
{
    public static IEnumerable<Measurement<int>> Observe(ActorSystem system) =>
        AkkaMembers.View(system) is { } members
            ? members.GroupBy(m => m.State, StringComparer.Ordinal).Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key)))
            : [];
}
