using System.Collections.Concurrent;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>The message ids a node's <see cref="RecordingHandler"/> handled (a singleton in the node's DI).</summary>
public sealed class HandledRecorder
{
    private readonly ConcurrentDictionary<string, string> _handled = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Events with the text "hold" in a handler now, waiting for <see cref="Release"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    public int Count => _handled.Count;

    public bool Handled(string messageId) => _handled.ContainsKey(messageId);

    public void Record(string messageId, string text) => _handled[messageId] = text;

    /// <summary>Waits until <see cref="Release"/> (or the handler's token).</summary>
    public async ValueTask HoldAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        try
        {
            await _released.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    /// <summary>Lets every held event (and every later one) through.</summary>
    public void Release() => _released.TrySetResult();
}
