using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

internal static partial class DeadLetterStoreLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Dead-letter store reconciled with {Directory}: {Recorded} file(s) recorded, {Rewritten} file(s) written again, {Deleted} purged file(s) deleted; {Entries} dead letter(s)")]
    public static partial void Reconciled(ILogger logger, string directory, int recorded, int rewritten, int deleted, int entries);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Dead-letter file {Path} is not a dead-letter record (or its id differs from its name); left in place and not recorded")]
    public static partial void UnreadableFile(ILogger logger, string path);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Dead-letter file of {Id} could not be {Action} in {Directory}: {Error}; the store keeps the entry and tries again at its next recovery")]
    public static partial void FileFailed(ILogger logger, string id, string action, string directory, string error);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Dead letter {Id} ({Site}/{Queue}) replayed as message {MessageId} on {BrokerQueue}")]
    public static partial void Replayed(ILogger logger, string id, string site, string queue, string messageId, string brokerQueue);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Dead letter {Id} ({Site}/{Queue}) could not be replayed: {Error}")]
    public static partial void ReplayFailed(ILogger logger, string id, string site, string queue, string error);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Purged {Count} dead letter(s){OlderThan}")]
    public static partial void Purged(ILogger logger, int count, string olderThan);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Dead-letter queue consumer subscribed to {BrokerQueue}; invalid deliveries go to {InvalidQueue}")]
    public static partial void ConsumerStarted(ILogger logger, string brokerQueue, string invalidQueue);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Error, Message = "Dead-letter queue consumer could not subscribe to {BrokerQueue}: {Error}")]
    public static partial void ConsumerSubscribeFailed(ILogger logger, string brokerQueue, string error);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Delivery {MessageId} on {BrokerQueue} is not a dead-letter record ({Reason}); moved to {InvalidQueue} for inspection")]
    public static partial void InvalidDelivery(ILogger logger, string messageId, string brokerQueue, string reason, string invalidQueue);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Warning, Message = "Dead letter {Id} from {BrokerQueue} was not confirmed persisted by the store ({Error}); requeued for another try")]
    public static partial void RecordNotConfirmed(ILogger logger, string id, string brokerQueue, string error);

    [LoggerMessage(EventId = 6114, Level = LogLevel.Warning, Message = "Dead-letter queue consumer could not release its subscription to {BrokerQueue}: {Error}")]
    public static partial void ReleaseFailed(ILogger logger, string brokerQueue, string error);

    [LoggerMessage(EventId = 6115, Level = LogLevel.Warning, Message = "Dead-letter delivery {MessageId} on {BrokerQueue} could not be settled ({Error}); the broker delivers it again")]
    public static partial void SettleFailed(ILogger logger, string messageId, string brokerQueue, string error);

    [LoggerMessage(EventId = 6120, Level = LogLevel.Information, Message = "Dead letter {Id} is a second letter of message {MessageId}, which {HeldId} holds already: folded into it")]
    public static partial void Folded(ILogger logger, string id, string messageId, string heldId);

    [LoggerMessage(EventId = 6121, Level = LogLevel.Debug, Message = "Persistence id {PersistenceId} recovered to sequence number {SequenceNr} (snapshot at {SnapshotSequenceNr})")]
    public static partial void Recovered(ILogger logger, string persistenceId, long sequenceNr, long snapshotSequenceNr);

    [LoggerMessage(EventId = 6122, Level = LogLevel.Warning, Message = "Dead-letter store snapshot at sequence number {SequenceNr} not saved: {Error}; recovery replays the events instead")]
    public static partial void SnapshotFailed(ILogger logger, long sequenceNr, string error);
}
