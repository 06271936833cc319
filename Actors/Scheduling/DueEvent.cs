using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Scheduling;

/// <summary>A due event the relay claimed: its row id, the broker queue it goes to, and the event.</summary>
public sealed record DueEvent(long Id, string BrokerQueue, Envelope Envelope);
