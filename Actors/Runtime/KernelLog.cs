using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Runtime;

/// <summary>The kernel's log entries.</summary>
internal static partial class KernelLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Actor {ActorPath} failed; supervisor directive {Directive}")]
    public static partial void ChildFailed(ILogger logger, Exception exception, string actorPath, Directive directive);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Actor {ActorPath} failed more than {MaxNrOfRetries} times within {Within}; stopping it")]
    public static partial void RestartWindowExhausted(ILogger logger, Exception exception, string actorPath, int maxNrOfRetries, TimeSpan within);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Critical, Message = "A failure escalated to the root guardian; stopping actor system {System}")]
    public static partial void EscalatedToRoot(ILogger logger, Exception exception, string system);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Actor {ActorPath} threw in {Hook}")]
    public static partial void HookFailed(ILogger logger, Exception exception, string actorPath, string hook);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Actor {ActorPath} failed while stopping; the failure is ignored")]
    public static partial void FailedWhileStopping(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Actor {ActorPath} did not handle a {MessageType}")]
    public static partial void Unhandled(ILogger logger, string actorPath, string messageType);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Dead letter: a {MessageType} from {Sender} to {Recipient} was not delivered")]
    public static partial void DeadLetterLogged(ILogger logger, string messageType, string sender, string recipient);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{Count} more dead letters in the last {Interval} were not logged")]
    public static partial void DeadLettersSuppressed(ILogger logger, int count, TimeSpan interval);
}
