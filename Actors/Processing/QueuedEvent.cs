namespace QueueActors.Actors.Processing;

/// <summary>One event of a batch, with where it came from.</summary>
public sealed record QueuedEvent<T>(T Event, HandlerContext Context);
