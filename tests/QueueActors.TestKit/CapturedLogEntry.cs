using Microsoft.Extensions.Logging;

namespace QueueActors.TestKit;

/// <summary>One log entry as a test sees it: level, category, event, text, exception and the actor path if any.</summary>
public sealed record CapturedLogEntry(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception, string? ActorPath)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {ActorPath} {Message}{(Exception is null ? "" : " — " + Exception.GetType().Name + ": " + Exception.Message)}";
}
