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

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "No broker is configured (queueactors.transport.rabbitmq.servers or --broker): running on the in-memory transport; nothing is durable and no other process sees these queues")]
    public static partial void InMemoryTransport(ILogger logger);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Node {Node}: work still running after the shutdown timeout {Timeout} is left to the broker, which hands it out again")]
    public static partial void DrainTimedOut(ILogger logger, string node, TimeSpan timeout);
}
