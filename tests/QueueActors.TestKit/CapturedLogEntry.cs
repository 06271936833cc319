using Microsoft.Extensions.Logging;

namespace QueueActors.TestKit;

/// <summary>One log entry as a test sees it: level, category, event, text and exception.</summary>
public sealed record CapturedLogEntry(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : " — " + Exception.GetType().Name + ": " + Exception.Message)}";
}
