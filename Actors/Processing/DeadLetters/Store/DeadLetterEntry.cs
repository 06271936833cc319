namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>One dead letter as the <see cref="DeadLetterStore"/> keeps it: the record and what happened to it since.</summary>
/// <param name="Record">The record as the worker wrote it.</param>
/// <param name="RecordedAt">When the store recorded it.</param>
/// <param name="ReplayedAt">When it was last published again (null: never).</param>
/// <param name="ReplayCount">How many times it was published again.</param>
/// <param name="ReplayMessageId">The message id of the last replayed event (null: never replayed).</param>
public sealed record DeadLetterEntry(DeadLetterRecord Record, DateTimeOffset RecordedAt, DateTimeOffset? ReplayedAt = null, int ReplayCount = 0, string? ReplayMessageId = null)
{
    /// <summary>The record's id (also its file name in the dead-letter folder).</summary>
    public string Id => Record.Id;
}
