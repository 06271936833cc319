namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The reply to <see cref="ReplayDeadLetters"/>.</summary>
/// <param name="Replayed">The ids published again and marked replayed.</param>
/// <param name="Failed">The ids that could not be published (they stay as they were), with why.</param>
public sealed record DeadLettersReplayed(IReadOnlyList<string> Replayed, IReadOnlyList<DeadLetterReplayFailure> Failed);
