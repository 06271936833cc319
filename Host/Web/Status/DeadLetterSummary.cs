namespace QueueActors.Host.Web.Status;

/// <summary>The dead letters: how many the store holds and the first of them (<see cref="StatusCollector.DeadLettersShown"/>); null total: the seed did not answer.</summary>
public sealed record DeadLetterSummary(int? Total, IReadOnlyList<DeadLetterRow> Entries);
