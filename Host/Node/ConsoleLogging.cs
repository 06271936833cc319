using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Node;

/// <summary>The one console log format of the node and its commands.</summary>
public static class ConsoleLogging
{
    public static ILoggingBuilder AddNodeConsole(this ILoggingBuilder logging) =>
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(logging => logging.AddNodeConsole());
}
