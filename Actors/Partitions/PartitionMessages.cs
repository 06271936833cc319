namespace QueueActors.Actors.Partitions;

/// <summary>
/// Sent by Akka.Cluster.Sharding to a partition consumer whose partition moves to another node (a rebalance, or this
/// node leaving): finish the event at hand, give back the subscription, stop.
/// </summary>
internal sealed record StopPartition
{
    public static StopPartition Instance { get; } = new();
}

/// <summary>To a partition consumer from itself: subscribe to its partition's broker queue.</summary>
internal sealed record SubscribePartition
{
    public static SubscribePartition Instance { get; } = new();
}

/// <summary>To a partition consumer from itself: the held event's wait is over (a retry's back-off, a rate-limit token, the circuit's pause): try to start it.</summary>
internal sealed record RetryHeldEvent
{
    public static RetryHeldEvent Instance { get; } = new();
}

/// <summary>A delivery of the partition's subscription of generation <paramref name="Generation"/> (older ones are ignored).</summary>
internal sealed record PartitionDelivery(Transport.Delivery Delivery, int Generation);

/// <summary>From a <see cref="PartitionGate"/> to a partition that waited for another partition's circuit trial: it has ended, ask again.</summary>
internal sealed record GateOpened
{
    public static GateOpened Instance { get; } = new();
}
