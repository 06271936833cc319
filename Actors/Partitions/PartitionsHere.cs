using System.Collections.Concurrent;
using Akka.Actor;

namespace QueueActors.Actors.Partitions;

/// <summary>The partitions this node consumes now (sharding moves them): for status and <c>queue list</c>.</summary>
internal sealed class PartitionsHere
{
    private readonly ConcurrentDictionary<string, PartitionRuntime> _partitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IActorRef, string> _consumers = new();

    /// <summary>The partitions consumed here, by broker queue.</summary>
    public IEnumerable<PartitionRuntime> All => _partitions.Values.OrderBy(p => p.Spec.BrokerQueue, StringComparer.Ordinal);

    public void Started(PartitionRuntime partition) => _partitions[partition.Spec.BrokerQueue] = partition;

    public void Stopped(PartitionRuntime partition) => _partitions.TryRemove(new KeyValuePair<string, PartitionRuntime>(partition.Spec.BrokerQueue, partition));

    /// <summary>The consumers running on this node (held or not), of one queue or of all: for pause and quiet mode.</summary>
    public IEnumerable<IActorRef> Consumers(string? queue = null) => _consumers.Where(c => queue is null || c.Value == queue).Select(c => c.Key);

    public void Added(IActorRef consumer, string queue) => _consumers[consumer] = queue;

    public void Removed(IActorRef consumer) => _consumers.TryRemove(consumer, out _);
}
