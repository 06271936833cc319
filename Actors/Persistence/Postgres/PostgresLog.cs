using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Persistence.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Connected to PostgreSQL at {Database}")]
    public static partial void Opened(ILogger logger, string database);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Migrated {Component} schema from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string component, int from, int to);
}
