using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Relay;

/// <summary>
/// A row a relay claimed: its id in its table, its event, the broker queue it was written for (a scheduled row's; only
/// read to find the partition of a row an older release wrote without a key), and the event's partition key (used on a
/// partitioned queue only: the relay sends the event to the key's partition). Every other row goes to the queue the
/// topology names for its site and queue when it is relayed, as a plain publish then would.
/// </summary>
public sealed record RelayRow(long Id, Envelope Envelope, string? BrokerQueue = null, string? PartitionKey = null);
