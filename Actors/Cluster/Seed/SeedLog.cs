using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Seed;

internal static partial class SeedLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "This node now runs the seed roles (site registry, dead-letter store)")]
    public static partial void Started(ILogger logger);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "This node no longer runs the seed roles")]
    public static partial void Stopped(ILogger logger);
}
