using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>Log entries of command signing.</summary>
internal static partial class SigningLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Rejected a control command ({Rejection}): {Reason}")]
    public static partial void CommandRejected(ILogger logger, CommandRejection rejection, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Cannot keep accepted command nonces in {Path} ({Reason}): they are kept in memory only, so a command accepted within the clock skew before a restart could be obeyed again after it")]
    public static partial void JournalFailed(ILogger logger, string path, string reason);
}
