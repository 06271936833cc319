using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QueueActors.TestKit;

/// <summary>
/// A logger provider that keeps every entry for assertions ("exactly one Error naming queue email")
/// and, when given a sink, also writes each line to the test output.
/// </summary>
public sealed class LogCapture(Action<string>? sink = null) : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. entries];

    public IReadOnlyList<CapturedLogEntry> AtLeast(LogLevel level) => [.. entries.Where(e => e.Level >= level)];

    /// <summary>Waits until an entry matching <paramref name="predicate"/> has been logged.</summary>
    public async Task<CapturedLogEntry> ExpectAsync(Func<CapturedLogEntry, bool> predicate, TimeSpan? timeout = null)
    {
        CapturedLogEntry? found = null;
        await AwaitCondition.UntilAsync(() => (found = entries.FirstOrDefault(predicate)) is not null, timeout, "no matching log entry").ConfigureAwait(false);
        return found!;
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(CapturedLogEntry entry)
    {
        entries.Enqueue(entry);
        sink?.Invoke(entry.ToString());
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new CapturedLogEntry(logLevel, category, eventId, formatter(state, exception), exception));
    }
}
