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

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "queueactors.transport.in-memory is on: running on the in-memory transport (meant for tests); nothing is durable and no other process sees these queues")]
    public static partial void InMemoryTransport(ILogger logger);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Node {Node}: work still running after the shutdown timeout {Timeout} is left to the broker, which hands it out again")]
    public static partial void DrainTimedOut(ILogger logger, string node, TimeSpan timeout);

    [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "Transport: RabbitMQ at {Servers}")]
    public static partial void RabbitMqTransport(ILogger logger, string servers);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Transport: embedded SQL queues in {File} (no broker configured; durable, and `queueactors publish` from another shell reaches this node through the same file)")]
    public static partial void SqliteTransport(ILogger logger, string file);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Information, Message = "Transport: SQL queues in PostgreSQL {ConnectionString}")]
    public static partial void PostgresTransport(ILogger logger, string connectionString);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Information, Message = "Persistence: journal and snapshots in {Where}")]
    public static partial void Persistence(ILogger logger, string where);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Node {Node} runs without the control channel: no cluster secret (set queueactors.cluster.signing.secret-file or the variable it names)")]
    public static partial void ControlChannelOff(ILogger logger, string node);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Site {Site} changed: update:{Site} announced; {Nodes} node(s) applied it, {Failed} failed")]
    public static partial void SiteAnnounced(ILogger logger, string site, int nodes, int failed);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Site {Site} changed but update:{Site} could not be announced: {Reason}")]
    public static partial void SiteAnnounceFailed(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Node {Node} could not read the registry's sites: {Reason}")]
    public static partial void RegistrySitesFailed(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Seed could not declare queue {Queue}: {Reason}")]
    public static partial void DeclareFailed(ILogger logger, string queue, string reason);
}
