namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The reply to <see cref="PurgeDeadLetters"/>: how many dead letters were deleted.</summary>
public sealed record DeadLettersPurged(int Count);
