using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>Log entries of the control channel.</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 6301, Level = LogLevel.Debug, Message = "Dropped a second copy of a control message ({Bytes} bytes): another server's copy, or a replay; further copies are dropped silently")]
    public static partial void DuplicateDropped(ILogger logger, int bytes);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Rejected a control message: {Reason}")]
    public static partial void Unreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Control channel {Channel} subscribed as node {Node}")]
    public static partial void Subscribed(ILogger logger, string channel, string node);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Information, Message = "Control command '{Command}' from {Sender} ({CorrelationId})")]
    public static partial void CommandReceived(ILogger logger, string command, string sender, string? correlationId);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Error, Message = "Control command '{Command}' failed in its handler")]
    public static partial void HandlerFailed(ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Warning, Message = "Could not broadcast a node's reply on control channel {Channel} of the transport")]
    public static partial void ReplyFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 6307, Level = LogLevel.Debug, Message = "No handler for control command '{Command}' on this node")]
    public static partial void NoHandler(ILogger logger, string command);

    [LoggerMessage(EventId = 6309, Level = LogLevel.Warning, Message = "Could not subscribe to control channel {Channel}; trying again in {Delay}")]
    public static partial void SubscribeFailed(ILogger logger, string channel, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 6308, Level = LogLevel.Warning, Message = "Could not close the control channel subscription")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Information, Message = "Relaying control channel {Channel} of the transport into the cluster on node {Node}")]
    public static partial void Relaying(ILogger logger, string channel, string node);

    [LoggerMessage(EventId = 6310, Level = LogLevel.Warning, Message = "Control channel {Channel} still not subscribed: {Failures} failures since {Since:O} ({Reason})")]
    public static partial void SubscribeStillFailing(ILogger logger, string channel, int failures, DateTimeOffset since, string reason);
}
