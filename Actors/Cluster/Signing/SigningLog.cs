using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>Log entries of command signing.</summary>
internal static partial class SigningLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Rejected a control command ({Rejection}): {Reason}")]
    public static partial void CommandRejected(ILogger logger, CommandRejection rejection, string reason);
}
