using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>Log entries of the membership view.</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 6351, Level = LogLevel.Information, Message = "Member {Node} is {State} (roles {Roles}, version {Version})")]
    public static partial void MemberChanged(ILogger logger, string node, MemberState state, string roles, string version);

    [LoggerMessage(EventId = 6352, Level = LogLevel.Warning, Message = "Member {Node} is unreachable: no heartbeat for {Silence}")]
    public static partial void MemberUnreachable(ILogger logger, string node, TimeSpan silence);

    [LoggerMessage(EventId = 6353, Level = LogLevel.Warning, Message = "Could not send this node's heartbeat")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6354, Level = LogLevel.Information, Message = "Node {Node} left the cluster (announced: {Announced})")]
    public static partial void Left(ILogger logger, string node, bool announced);

    [LoggerMessage(EventId = 6355, Level = LogLevel.Warning, Message = "Could not announce that node {Node} leaves the cluster")]
    public static partial void LeaveFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(EventId = 6356, Level = LogLevel.Warning, Message = "This node's heartbeat still cannot be sent: {Failures} failures since {Since:O} ({Reason})")]
    public static partial void HeartbeatStillFailing(ILogger logger, int failures, DateTimeOffset since, string reason);

    [LoggerMessage(EventId = 6357, Level = LogLevel.Information, Message = "This node's heartbeat is sent again after {Failures} failures since {Since:O}")]
    public static partial void HeartbeatRecovered(ILogger logger, int failures, DateTimeOffset since);
}
