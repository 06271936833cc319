using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Web;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Node {Node} serves metrics at {Url}")]
    public static partial void Listening(ILogger logger, string node, string url);
}
