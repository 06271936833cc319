using System.Collections.Concurrent;
using QueueActors.Actors.Partitions;

namespace QueueActors.Tests.Partitions;

/// <summary>
/// What the partition tests' handlers saw, over every node: each key's sequence numbers in handling order, which node
/// handled each partition's events, and any moment two handlers ran events of one partition at once.
/// </summary>
public sealed class PartitionLedger(int partitions)
{
    private readonly ConcurrentDictionary<string, List<int>> _sequences = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, int>> _nodes = new();
    private readonly int[] _running = new int[partitions];
    private int _overlaps;
    private int _handled;

    public int Handled => Volatile.Read(ref _handled);

    /// <summary>Times a handler started while another handler of the same partition was still running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public int PartitionOf(string key) => PartitionHash.PartitionOf(key, _running.Length);

    /// <summary>Call at a handler's start; dispose at its end.</summary>
    public IDisposable Enter(string key)
    {
        var partition = PartitionOf(key);
        if (Interlocked.Increment(ref _running[partition]) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        return new Exit(() => Interlocked.Decrement(ref _running[partition]));
    }

    public void Record(string node, string key, int sequence)
    {
        var list = _sequences.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(sequence);
        }

        _nodes.GetOrAdd(PartitionOf(key), _ => new ConcurrentDictionary<string, int>()).AddOrUpdate(node, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _handled);
    }

    /// <summary>The key's sequence numbers in the order they were handled.</summary>
    public IReadOnlyList<int> SequenceOf(string key)
    {
        var list = _sequences.GetOrAdd(key, _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>How many events <paramref name="node"/> handled.</summary>
    public int HandledBy(string node) => _nodes.Values.Sum(nodes => nodes.GetValueOrDefault(node));

    /// <summary>The partitions <paramref name="node"/> handled events of.</summary>
    public IReadOnlyList<int> PartitionsOf(string node) => [.. _nodes.Where(pair => pair.Value.ContainsKey(node)).Select(pair => pair.Key).Order()];

    /// <summary>Forgets which node handled what (keeps the sequences).</summary>
    public void ResetNodes() => _nodes.Clear();

    private sealed class Exit(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}
