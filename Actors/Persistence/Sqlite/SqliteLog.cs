using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Persistence.Sqlite;

internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Opened SQLite database {File} (WAL, synchronous={Synchronous})")]
    public static partial void Opened(ILogger logger, string file, string synchronous);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Commit to SQLite database {File} failed; none of the {Writes} writes of the batch is durable; their callers are told")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string file, int writes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Migrated {Component} schema of {File} from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string component, string file, int from, int to);
}
