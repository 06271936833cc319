using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Relay;

/// <summary>
/// A row a relay claimed: its id in its table, its event, and the broker queue it goes to (null: the topology's queue
/// for the event's site and queue, as for a plain publish).
/// </summary>
public sealed record RelayRow(long Id, Envelope Envelope, string? BrokerQueue = null);
