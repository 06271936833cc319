using QueueActors.Actors.Partitions;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// Partitioned queues (<c>queueactors.messaging.partitions</c>): the queue's events are spread by key over N broker
/// queues <c>qa.&lt;queue&gt;.p&lt;n&gt;</c>, one per partition, whatever their site (a partitioned queue has no
/// breakout queues: its partitions already spread the load, and order per key needs one place per key). Each is a
/// single-active-consumer queue: of the consumers a hand-over or a split leaves on it, one gets events at a time.
/// </summary>
public sealed partial class QueueTopology
{
    /// <summary>Whether the queue is split into partitions.</summary>
    public bool IsPartitioned(string queue) => Settings.Partitions.Count > 0 && Settings.Partitions.ContainsKey(queue);

    /// <summary>The queue's number of partitions (1 for a plain queue).</summary>
    public int PartitionsOf(string queue) => Settings.Partitions.TryGetValue(queue, out var count) ? count : 1;

    /// <summary>The declaration of partition <paramref name="partition"/> of a partitioned queue.</summary>
    public QueueSpec PartitionSpec(string queue, int partition)
    {
        QueueNames.ValidateQueue(queue);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionsOf(queue));
        return _specs.GetOrAdd($"{Prefix}{queue}.p{partition}", static (brokerQueue, topology) => topology.Spec(brokerQueue, durable: true) with { SingleActiveConsumer = true }, this);
    }

    /// <summary>The partition spec for <paramref name="key"/> (<see cref="PartitionHash"/>).</summary>
    /// <exception cref="ArgumentException">The key is blank or longer than <see cref="PartitionHash.MaxKeyLength"/>.</exception>
    public QueueSpec PartitionSpecFor(string queue, string key) => PartitionSpec(queue, PartitionHash.PartitionOf(key, PartitionsOf(queue)));

    /// <summary>
    /// The partition of <paramref name="queue"/> that <paramref name="brokerQueue"/> names (<c>qa.&lt;queue&gt;.p&lt;n&gt;</c>),
    /// for what kept a partition's name and not its key (a dead letter, a scheduled row of an older release); null when
    /// it names none of the queue's partitions now.
    /// </summary>
    public QueueSpec? PartitionSpecNamed(string queue, string brokerQueue)
    {
        var prefix = $"{Prefix}{queue}.p";
        return brokerQueue.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(brokerQueue.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var partition)
            && partition < PartitionsOf(queue)
            ? PartitionSpec(queue, partition)
            : null;
    }
}
