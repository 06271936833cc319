using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Web;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Node {Node} serves metrics at {Url}")]
    public static partial void Listening(ILogger logger, string node, string url);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Node {Node} serves its status page at {Url}")]
    public static partial void StatusPage(ILogger logger, string node, string url);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "The status page could not take a snapshot")]
    public static partial void SnapshotFailed(ILogger logger, Exception error);
}
