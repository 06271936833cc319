using System.Collections.Concurrent;
using Akka.Actor;
using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Partitions;

/// <summary>
/// The partitions this node consumes now (sharding moves them): for status and <c>queue list</c>, and the gates their
/// queues' partitions here share (<see cref="PartitionGate"/>: the rate limit's share and the circuit).
/// </summary>
internal sealed class PartitionsHere
{
    private readonly ConcurrentDictionary<string, PartitionRuntime> _partitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IActorRef, string> _consumers = new();

    /// <summary>
    /// One gate per queue and processing run: after a restart of processing with new settings the consumers running
    /// keep the old ones (and their gate) while those that start later take the new; each gate's share counts its own
    /// partitions, so together they still add up to the node's share.
    /// </summary>
    private readonly Dictionary<(string Queue, ProcessingContext Context), PartitionGate> _gates = [];

    /// <summary>The partitions consumed here, by broker queue.</summary>
    public IEnumerable<PartitionRuntime> All => _partitions.Values.OrderBy(p => p.Spec.BrokerQueue, StringComparer.Ordinal);

    public void Started(PartitionRuntime partition) => _partitions[partition.Spec.BrokerQueue] = partition;

    public void Stopped(PartitionRuntime partition) => _partitions.TryRemove(new KeyValuePair<string, PartitionRuntime>(partition.Spec.BrokerQueue, partition));

    /// <summary>The consumers running on this node (held or not), of one queue or of all: for pause and quiet mode.</summary>
    public IEnumerable<IActorRef> Consumers(string? queue = null) => _consumers.Where(c => queue is null || c.Value == queue).Select(c => c.Key);

    /// <summary>A consumer starts here: it joins its queue's gate, which it gets.</summary>
    public PartitionGate Added(IActorRef consumer, PartitionRuntime partition)
    {
        _consumers[consumer] = partition.Queue;
        lock (_gates)
        {
            var key = GateKey(partition);
            if (!_gates.TryGetValue(key, out var gate))
            {
                var context = partition.Context;
                _gates[key] = gate = new PartitionGate(partition.Queue, partition.Settings.RateLimit, context.Topology.PartitionsOf(partition.Queue), context.Settings.CircuitBreaker, context.Time, context.Logger);
            }

            gate.Join();
            return gate;
        }
    }

    public void Removed(IActorRef consumer, PartitionRuntime partition)
    {
        _consumers.TryRemove(consumer, out _);
        lock (_gates)
        {
            var key = GateKey(partition);
            if (_gates.TryGetValue(key, out var gate) && gate.Leave(consumer))
            {
                _gates.Remove(key);
            }
        }
    }

    /// <summary>Whether the circuit of <paramref name="partition"/>'s queue is open here: for status.</summary>
    public bool CircuitOpen(PartitionRuntime partition)
    {
        lock (_gates)
        {
            return _gates.TryGetValue(GateKey(partition), out var gate) && gate.CircuitOpen;
        }
    }

    private static (string Queue, ProcessingContext Context) GateKey(PartitionRuntime partition) => (partition.Queue, partition.Context);
}
