using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Persistence;

internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Persistence id {PersistenceId} recovered to sequence number {SequenceNr} (snapshot at {SnapshotSequenceNr}) in {Milliseconds} ms")]
    public static partial void Recovered(ILogger logger, string persistenceId, long sequenceNr, long snapshotSequenceNr, long milliseconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Recovery of persistence id {PersistenceId} failed at sequence number {SequenceNr}")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Persisting event {SequenceNr} of persistence id {PersistenceId} failed; the event is not applied")]
    public static partial void PersistFailed(ILogger logger, Exception exception, string persistenceId, long sequenceNr);
}
