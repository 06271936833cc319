namespace QueueActors.Actors.Persistence;

/// <summary>A persistent actor's note to itself: replay the next page. <see cref="Incarnation"/> tells apart a note left by a failed incarnation.</summary>
internal sealed record ReplayNext(object Incarnation);
