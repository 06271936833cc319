using System.Collections.Concurrent;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Quiet mode on this node (Sidekiq's quiet): the whole node, which holds every queue it runs and every queue it
/// starts while quiet, or single queues by <see cref="QueueRuntime.Key"/>. Like <see cref="PausedQueues"/> it is kept
/// outside the queue supervisors, so it lasts across their restarts, a site update and a restart of processing; unlike
/// a pause it is the state of this process only: nothing stores it, so a node started again is not quiet.
/// </summary>
internal sealed class QuietQueues
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private volatile bool _node;

    /// <summary>The whole node is quiet.</summary>
    public bool Node => _node;

    /// <summary>The queue is quiet: on its own, or because the node is.</summary>
    public bool Contains(string key) => _node || _keys.ContainsKey(key);

    /// <summary>Quiets the node, or resumes it: a resumed node has no quiet queue left (the ones quieted on their own too).</summary>
    public void SetNode(bool quiet)
    {
        _node = quiet;
        if (!quiet)
        {
            _keys.Clear();
        }
    }

    /// <summary>Quiets one queue, or resumes it (it stays quiet while the node is). Returns true when its own state changed.</summary>
    public bool Set(string key, bool quiet) => quiet ? _keys.TryAdd(key, 0) : _keys.TryRemove(key, out _);
}
