namespace QueueActors.Actors.Runtime;

/// <summary>
/// A read-only snapshot of one actor and its children, as <see cref="ActorSystem.GetActorTree"/> saw them: for
/// operators (<c>actor tree</c>), never for steering actors. <paramref name="Actor"/> is the actor class's name
/// (empty before the actor is created), <paramref name="Stopping"/> says it was asked to stop.
/// </summary>
public sealed record ActorTreeNode(string Name, string Path, string Actor, bool Stopping, IReadOnlyList<ActorTreeNode> Children);
