using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Partitions;

internal static partial class PartitionLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Partition {Partition} of queue {Queue} consumed here from broker queue {BrokerQueue}")]
    public static partial void Started(ILogger logger, string queue, int partition, string brokerQueue);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Partition {Partition} of queue {Queue} leaves this node ({Reason})")]
    public static partial void Stopped(ILogger logger, string queue, int partition, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Event {MessageId} on partition {Partition} of queue {Queue} failed (attempt {Attempt} of {MaxAttempts}); the partition holds it and tries again in {Delay}: {Error}")]
    public static partial void Retrying(ILogger logger, string messageId, string queue, int partition, int attempt, int maxAttempts, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Partition {Partition} of queue {Queue}: subscribing to {BrokerQueue} failed: {Error}")]
    public static partial void SubscribeFailed(ILogger logger, string queue, int partition, string brokerQueue, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Partition {Partition} of queue {Queue} takes no events ({Hold}); it stays on this node")]
    public static partial void Held(ILogger logger, string queue, int partition, string hold);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug, Message = "Queue {Queue} is limited to {Limit}: this node consumes {Here} of its {Partitions} partitions, so its share is {Share:0.###} events/s")]
    public static partial void Share(ILogger logger, string queue, string limit, int here, int partitions, double share);
}
