using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Stats;

internal static partial class StatsLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Could not write the queue stats files: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Could not append to the error log {Path}: {Reason}")]
    public static partial void ErrorLogFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning, Message = "The error log fell behind: {Dropped} failure line(s) were not written")]
    public static partial void ErrorLinesDropped(ILogger logger, long dropped);
}
