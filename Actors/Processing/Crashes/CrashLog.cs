using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Crashes;

/// <summary>Log messages of crash counting.</summary>
internal static partial class CrashLog
{
    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "{Count} events were being handled when this node's previous process died (from {Journal}); each counts one failed attempt when it comes back")]
    public static partial void CrashesFound(ILogger logger, int count, string journal);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Warning, Message = "Cannot write the handling journal {Journal}: {Reason}")]
    public static partial void JournalWriteFailed(ILogger logger, string journal, string reason);

    [LoggerMessage(EventId = 3903, Level = LogLevel.Information, Message = "Message {MessageId} on queue {Queue} is a stale copy (its retry went on as another copy, or it is in dead letters already); acked and dropped")]
    public static partial void StaleCopyDropped(ILogger logger, string messageId, string queue);
}
