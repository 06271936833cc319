using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Sites;

internal static partial class SiteRegistryLog
{
    [LoggerMessage(EventId = 6150, Level = LogLevel.Information, Message = "Site {Site} {Change} ({Enabled})")]
    public static partial void Changed(ILogger logger, string site, string change, string enabled);

    [LoggerMessage(EventId = 6151, Level = LogLevel.Warning, Message = "Site command for {Site} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 6152, Level = LogLevel.Warning, Message = "Site registry snapshot at sequence number {SequenceNr} not saved: {Error}; recovery replays the events instead")]
    public static partial void SnapshotFailed(ILogger logger, long sequenceNr, string error);
}
