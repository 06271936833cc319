using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Singleton;

internal static partial class SingletonLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Node {Node} is now the active node of singleton {Singleton}")]
    public static partial void BecameActive(ILogger logger, string singleton, string node);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Node {Node} got no tick of singleton {Singleton} for {Timeout}: another node is active; stopping it here")]
    public static partial void SteppedDown(ILogger logger, string singleton, string node, TimeSpan timeout);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Singleton {Singleton}: tick not published ({Reason}); trying again every {Interval}, with a summary every {SummaryInterval} until it works")]
    public static partial void TickFailed(ILogger logger, string singleton, string reason, TimeSpan interval, TimeSpan summaryInterval);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Singleton {Singleton}: ticks still not published, {Failures} failures since {Since:O} ({Reason})")]
    public static partial void TickStillFailing(ILogger logger, string singleton, int failures, DateTimeOffset since, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Singleton {Singleton}: ticks published again after {Failures} failures since {Since:O}")]
    public static partial void TickRecovered(ILogger logger, string singleton, int failures, DateTimeOffset since);
}
