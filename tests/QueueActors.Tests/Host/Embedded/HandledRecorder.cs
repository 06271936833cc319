using System.Collections.Concurrent;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>The message ids a node's <see cref="RecordingHandler"/> handled (a singleton in the node's DI).</summary>
public sealed class HandledRecorder
{
    private readonly ConcurrentDictionary<string, string> _handled = new(StringComparer.Ordinal);

    public int Count => _handled.Count;

    public bool Handled(string messageId) => _handled.ContainsKey(messageId);

    public void Record(string messageId, string text) => _handled[messageId] = text;
}
