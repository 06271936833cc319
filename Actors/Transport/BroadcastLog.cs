using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport;

/// <summary>Log lines of the fan-out channels (<see cref="IBroadcast"/>) on the RabbitMQ and SQL transports.</summary>
internal static partial class BroadcastLog
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Error, Message = "A subscriber of channel {Channel} failed on a message; the message is dropped")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Broadcast on channel {Channel} failed on {Server}: {Reason}")]
    public static partial void PublishFailedOnServer(ILogger logger, string channel, string server, string reason);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Subscribed to channel {Channel} on {Server}")]
    public static partial void Attached(ILogger logger, string channel, string server);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Cannot subscribe to channel {Channel} on {Server}: {Reason}; next try in {Retry}")]
    public static partial void AttachFailed(ILogger logger, string channel, string server, string reason, TimeSpan retry);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "Subscription to channel {Channel} on {Server} lost: {Reason}")]
    public static partial void Lost(ILogger logger, string channel, string server, string reason);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Warning, Message = "Subscriber of channel {Channel} failed to read the database; trying again in {Delay}")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string channel, TimeSpan delay);

    [LoggerMessage(EventId = 6207, Level = LogLevel.Debug, Message = "Pruning old broadcast messages failed; the next publish tries again")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6208, Level = LogLevel.Warning, Message = "Watching {Directory} for other processes' commits failed; their messages arrive within reclaim-interval instead")]
    public static partial void WakeWatchFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 6209, Level = LogLevel.Debug, Message = "Touching wake file {File} failed; other processes see this commit on their timers")]
    public static partial void WakePokeFailed(ILogger logger, Exception exception, string file);
}
