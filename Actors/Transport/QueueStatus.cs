namespace QueueActors.Actors.Transport;

/// <summary>
/// A broker queue as the broker sees it now. With several independent servers the numbers are summed over
/// the servers that answered (members of one cluster count once).
/// </summary>
/// <param name="BrokerQueue">The queue.</param>
/// <param name="MessagesReady">Messages waiting for a consumer (not counting delivered, unacknowledged ones).</param>
/// <param name="Consumers">Consumers attached.</param>
public sealed record QueueStatus(string BrokerQueue, long MessagesReady, int Consumers);
