namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Wakes the consumers of a queue in this process when messages became ready: on SQLite after the commit
/// that made them so; on PostgreSQL when the LISTEN connection hears the NOTIFY of any node.
/// </summary>
internal sealed class SqlQueueSignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Action>> _waiters = new(StringComparer.Ordinal);

    public void Register(string queue, Action wake)
    {
        lock (_gate)
        {
            if (!_waiters.TryGetValue(queue, out var list))
            {
                _waiters[queue] = list = [];
            }

            list.Add(wake);
        }
    }

    public void Unregister(string queue, Action wake)
    {
        lock (_gate)
        {
            if (_waiters.TryGetValue(queue, out var list) && list.Remove(wake) && list.Count == 0)
            {
                _waiters.Remove(queue);
            }
        }
    }

    public void Signal(string queue)
    {
        Action[] wakes;
        lock (_gate)
        {
            if (!_waiters.TryGetValue(queue, out var list))
            {
                return;
            }

            wakes = [.. list];
        }

        foreach (var wake in wakes)
        {
            wake();
        }
    }

    /// <summary>Wakes every consumer (after a lost LISTEN connection: notifications may have been missed).</summary>
    public void SignalAll()
    {
        Action[] wakes;
        lock (_gate)
        {
            wakes = [.. _waiters.Values.SelectMany(static l => l)];
        }

        foreach (var wake in wakes)
        {
            wake();
        }
    }
}
