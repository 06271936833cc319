using System.Collections.Concurrent;

namespace QueueActors.Actors.Partitions;

/// <summary>The partitions this node consumes now (sharding moves them): for status and <c>queue list</c>.</summary>
internal sealed class PartitionsHere
{
    private readonly ConcurrentDictionary<string, PartitionRuntime> _partitions = new(StringComparer.Ordinal);

    /// <summary>The partitions consumed here, by broker queue.</summary>
    public IEnumerable<PartitionRuntime> All => _partitions.Values.OrderBy(p => p.Spec.BrokerQueue, StringComparer.Ordinal);

    public void Started(PartitionRuntime partition) => _partitions[partition.Spec.BrokerQueue] = partition;

    public void Stopped(PartitionRuntime partition) => _partitions.TryRemove(new KeyValuePair<string, PartitionRuntime>(partition.Spec.BrokerQueue, partition));
}
