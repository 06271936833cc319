namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Keep <paramref name="Record"/> (idempotent by its id). Replied with <see cref="DeadLetterRecorded"/> once the
/// record is persisted (or was known already).
/// </summary>
public sealed record RecordDeadLetter(DeadLetterRecord Record);
