using System.Collections.Immutable;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// The membership view of this node, readable from any thread (handlers, health checks); only the membership
/// actor changes it. Each read is a consistent snapshot.
/// </summary>
public sealed class ClusterMembers
{
    private ImmutableSortedDictionary<string, ClusterMember> members = ImmutableSortedDictionary.Create<string, ClusterMember>(StringComparer.Ordinal);

    /// <summary>Every member known, gone ones included for a while, by name.</summary>
    public IReadOnlyList<ClusterMember> Snapshot => [.. Volatile.Read(ref members).Values];

    /// <summary>The member named <paramref name="node"/>, or null.</summary>
    public ClusterMember? Find(string node) => Volatile.Read(ref members).GetValueOrDefault(node);

    /// <summary>How many members are up and match <paramref name="predicate"/>.</summary>
    public int CountUp(Func<NodeStatus, bool> predicate) => Volatile.Read(ref members).Values.Count(m => m.State == MemberState.Up && predicate(m.Status));

    internal void Set(ClusterMember member) => ImmutableInterlocked.Update(ref members, static (map, m) => map.SetItem(m.Node, m), member);

    internal void Remove(string node) => ImmutableInterlocked.Update(ref members, static (map, n) => map.Remove(n), node);
}
