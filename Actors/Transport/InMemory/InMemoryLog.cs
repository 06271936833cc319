using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.InMemory;

internal static partial class InMemoryLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Delivery callback of queue {Queue} threw; message {MessageId} is requeued")]
    public static partial void CallbackFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Message {MessageId} was returned to queue {Queue} {Returns} times, more than its delivery limit; dead-lettered to {DeadLetterQueue}")]
    public static partial void DeliveryLimitExceeded(ILogger logger, string messageId, string queue, int returns, string deadLetterQueue);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Delayed message {MessageId} for queue {Queue} dropped: the queue is gone")]
    public static partial void DelayedTargetGone(ILogger logger, string messageId, string queue);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "A subscriber of channel {Channel} failed on a message; the message is dropped")]
    public static partial void BroadcastHandlerFailed(ILogger logger, string channel, Exception exception);
}
