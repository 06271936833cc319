namespace QueueActors.Actors.Transport;

/// <summary>
/// A broker queue as the broker sees it now. With several independent servers the numbers are summed over
/// the servers that answered (members of one cluster count once).
/// </summary>
/// <param name="BrokerQueue">The queue.</param>
/// <param name="MessagesReady">Messages waiting for a consumer (not counting delivered, unacknowledged ones).</param>
/// <param name="Consumers">Consumers attached.</param>
public sealed record QueueStatus(string BrokerQueue, long MessagesReady, int Consumers)
{
    /// <summary>
    /// Retries waiting for their delay before they come back to this queue; null when the transport cannot count them
    /// per queue (RabbitMQ holds them in delay queues shared by every queue).
    /// </summary>
    public long? RetriesWaiting { get; init; }
}
