using Akka.Actor;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// One actor of an <c>actor tree</c> reply and the actors under it, for operators, never for steering actors:
/// <paramref name="Name"/> is the last path element, <paramref name="Path"/> the full Akka path,
/// <paramref name="Actor"/> the actor class's name (empty where it cannot be seen).
/// </summary>
public sealed record ActorTreeEntry(string Name, string Path, string Actor, IReadOnlyList<ActorTreeEntry> Children)
{
    /// <summary>The tree from the system's root down over <paramref name="actors"/> (each actor's parents among them or the root).</summary>
    public static ActorTreeEntry Build(ActorSystem system, IEnumerable<IActorRef> actors)
    {
        ArgumentNullException.ThrowIfNull(system);
        var byParent = actors
            .DistinctBy(a => a.Path.ToString())
            .ToLookup(a => a.Path.Parent.ToString(), StringComparer.Ordinal);
        var root = ((ExtendedActorSystem)system).Guardian.Path.Root; // local paths (akka://queueactors/), also on a cluster member
        return new ActorTreeEntry(string.Empty, root.ToString(), string.Empty, ChildrenOf(root.ToString(), byParent));
    }

    private static List<ActorTreeEntry> ChildrenOf(string path, ILookup<string, IActorRef> byParent) =>
    [
        .. byParent[path]
            .OrderBy(a => a.Path.Name, StringComparer.Ordinal)
            .Select(a => new ActorTreeEntry(a.Path.Name, a.Path.ToString(), ClassOf(a), ChildrenOf(a.Path.ToString(), byParent))),
    ];

    /// <summary>
    /// The actor's class, read from its cell: Akka has no public API for it, but every local actor reference is an
    /// <see cref="ActorRefWithCell"/> whose cell holds the props. Display only.
    /// </summary>
    private static string ClassOf(IActorRef actor) => actor is ActorRefWithCell { Underlying.Props.Type: { } type } ? type.Name : string.Empty;
}
