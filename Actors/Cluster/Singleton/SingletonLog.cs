using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Cluster.Singleton;

internal static partial class SingletonLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Node {Node} is now the active node of singleton {Singleton}")]
    public static partial void BecameActive(ILogger logger, string singleton, string node);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Node {Node} got no tick of singleton {Singleton} for {Timeout}: another node is active; stopping it here")]
    public static partial void SteppedDown(ILogger logger, string singleton, string node, TimeSpan timeout);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Singleton {Singleton}: tick not published ({Reason}); trying again on the next tick")]
    public static partial void TickFailed(ILogger logger, string singleton, string reason);
}
