using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Supervision;

internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 3950, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) is limited to {Limit} over {Consumers} consumers: this node's share is {Share:0.###} events/s")]
    public static partial void Share(ILogger logger, string queue, string scope, string limit, int consumers, double share);
}
