using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.Sql;

internal static partial class SqlTransportLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "Delivery callback of queue {Queue} threw; message {MessageId} is requeued")]
    public static partial void CallbackFailed(ILogger logger, string queue, string messageId, Exception exception);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Consumer {Consumer} of queue {Queue} failed to reach the database; trying again in {Delay}")]
    public static partial void ConsumerFailed(ILogger logger, Exception exception, string consumer, string queue, TimeSpan delay);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "LISTEN connection to PostgreSQL lost; reconnecting in {Delay}")]
    public static partial void ListenerLost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "Listening for queue notifications on PostgreSQL at {Database}")]
    public static partial void Listening(ILogger logger, string database);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Error, Message = "Giving back {Count} deliveries of queue {Queue} failed; they come back when their claims expire")]
    public static partial void GiveBackFailed(ILogger logger, Exception exception, int count, string queue);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "NOTIFY for {Count} queues failed; their consumers on other nodes wake on their timers instead")]
    public static partial void NotifyFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Warning, Message = "Consumer {Consumer} of queue {Queue} stopped but could not be unregistered; it stops counting once its heartbeat is old")]
    public static partial void UnregisterFailed(ILogger logger, Exception exception, string consumer, string queue);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Information, Message = "Gave back {Count} claimed deliveries of consumer {Instance}, whose process is gone (its lock among the {Resource} was free)")]
    public static partial void GoneConsumerReleased(ILogger logger, int count, string instance, string resource);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Warning, Message = "Looking for consumers whose process is gone failed: {Error}; trying again in a second (their claims expire after visibility-timeout anyway)")]
    public static partial void GoneConsumerCheckFailed(ILogger logger, string error);
}
