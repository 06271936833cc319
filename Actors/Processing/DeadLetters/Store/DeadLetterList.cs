namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The reply to <see cref="ListDeadLetters"/>.</summary>
/// <param name="Entries">The matching entries, oldest first, at most the limit asked for.</param>
/// <param name="Total">How many entries match in all (more than <paramref name="Entries"/> holds when the limit cut).</param>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterEntry> Entries, int Total);
