using QueueActors.Actors.Persistence;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

// The journal's schema for persistence id "dead-letters": keep these names and shapes stable.

/// <summary>A dead letter was recorded.</summary>
internal sealed record DeadLetterStored(DeadLetterRecord Record, DateTimeOffset RecordedAt) : IStoredAsJson;

/// <summary>A dead letter was published again as <paramref name="MessageId"/>.</summary>
internal sealed record DeadLetterReplayMarked(string Id, DateTimeOffset ReplayedAt, string MessageId) : IStoredAsJson;

/// <summary>Dead letters were purged; their ids are remembered so that their files, if still there, are deleted rather than recorded again.</summary>
internal sealed record DeadLettersDeleted(IReadOnlyList<string> Ids) : IStoredAsJson;

/// <summary>The whole state at a sequence number.</summary>
internal sealed record DeadLetterStoreSnapshot(IReadOnlyList<DeadLetterEntry> Entries, IReadOnlyList<string> Purged) : IStoredAsJson;

/// <summary>After recovery: make the folder and the entries agree before any command runs.</summary>
internal sealed record ReconcileFiles
{
    public static ReconcileFiles Instance { get; } = new();
}
