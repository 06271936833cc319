using System.Collections.Concurrent;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The queues paused on this node, by <see cref="QueueRuntime.Key"/>. Kept outside the queue supervisors so
/// that a pause survives their restarts, a site update and a restart of processing.
/// </summary>
internal sealed class PausedQueues
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    public bool Contains(string key) => _keys.ContainsKey(key);

    /// <summary>Returns true when the state changed.</summary>
    public bool Set(string key, bool paused) => paused ? _keys.TryAdd(key, 0) : _keys.TryRemove(key, out _);
}
