namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The reply to <see cref="RecordDeadLetter"/>: the record is persisted.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="AlreadyKnown">True when the store had it (or had purged it) before: nothing was written.</param>
public sealed record DeadLetterRecorded(string Id, bool AlreadyKnown);
