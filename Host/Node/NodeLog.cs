using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Node;

internal static partial class NodeLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Node {Node} is up (roles {Roles}, configuration {Config})")]
    public static partial void NodeUp(ILogger logger, string node, string roles, string config);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Node {Node} is stopping")]
    public static partial void NodeStopping(ILogger logger, string node);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Node {Node} has stopped")]
    public static partial void NodeStopped(ILogger logger, string node);
}
