using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Relay;

/// <summary>
/// A row a relay claimed: its id in its table, its event, the broker queue it goes to (null: the topology's queue
/// for the event's site and queue, as for a plain publish), and the event's partition key (used on a partitioned
/// queue only: the relay sends the event to the key's partition).
/// </summary>
public sealed record RelayRow(long Id, Envelope Envelope, string? BrokerQueue = null, string? PartitionKey = null);
