using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace QueueActors.Host.Node;

/// <summary>
/// Akka.NET's own log events as lines of the node's logging, shaped like the node's other lines: the category is
/// the Akka class that logged, the text is its message and the source in brackets. (Akka.Hosting's logger writes
/// Akka's whole formatted event, so each line carried a second level, timestamp and thread inside the first.)
/// </summary>
public sealed class AkkaLogForwarder : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _loggerFactory = DependencyResolver.For(Context.System).Resolver.GetService<ILoggerFactory>();
    private readonly Dictionary<Type, ILogger> _loggers = [];

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent log:
                if (!_loggers.TryGetValue(log.LogClass, out var logger))
                {
                    _loggers[log.LogClass] = logger = _loggerFactory.CreateLogger(log.LogClass);
                }

                logger.Log(LevelOf(log.LogLevel()), log.Cause, "{AkkaMessage} [{AkkaSource}]", log.Message.ToString(), log.LogSource);
                return true;
            default:
                return false;
        }
    }

    private static LogLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
