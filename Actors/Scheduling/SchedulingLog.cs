using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Scheduling;

internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 2701, Level = LogLevel.Warning, Message = "Relaying scheduled event {MessageId} to {BrokerQueue} failed; trying again in {Delay}")]
    public static partial void RelayFailed(ILogger logger, Exception exception, string messageId, string brokerQueue, TimeSpan delay);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Warning, Message = "The scheduled-event table could not be read; trying again in {Delay}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Debug, Message = "Relayed {Count} scheduled event(s)")]
    public static partial void Relayed(ILogger logger, int count);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Warning, Message = "Deleting expired unique keys failed: {Error}")]
    public static partial void SweepFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2705, Level = LogLevel.Error, Message = "Scheduled event {MessageId} for site {Site} on queue {Queue} cannot be routed ({Error}): sent to dead letters")]
    public static partial void Unroutable(ILogger logger, string messageId, string site, string queue, string error);
}
