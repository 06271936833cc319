using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 6601, Level = LogLevel.Information, Message = "Outbox relay started: table {Table} on {Provider}, batches of {BatchSize}")]
    public static partial void Started(ILogger logger, string table, string provider, int batchSize);

    [LoggerMessage(EventId = 6602, Level = LogLevel.Warning, Message = "Outbox relay cannot publish ({Error}); {Pending} rows stay in the outbox, trying again in {Delay}")]
    public static partial void PublishFailed(ILogger logger, string error, int pending, TimeSpan delay);

    [LoggerMessage(EventId = 6603, Level = LogLevel.Warning, Message = "Outbox relay cannot read the outbox table {Table} ({Error}); trying again in {Delay}")]
    public static partial void DatabaseFailed(ILogger logger, string table, string error, TimeSpan delay);

    [LoggerMessage(EventId = 6604, Level = LogLevel.Error, Message = "Outbox event {MessageId} for site {Site} on queue {Queue} cannot be routed ({Error}): sent to dead letters")]
    public static partial void Unroutable(ILogger logger, string messageId, string site, string queue, string error);

    [LoggerMessage(EventId = 6605, Level = LogLevel.Information, Message = "Outbox relay published again after {Failures} failed rounds")]
    public static partial void Recovered(ILogger logger, int failures);
}
