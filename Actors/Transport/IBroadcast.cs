namespace QueueActors.Actors.Transport;

/// <summary>
/// Fan-out channels: every subscriber of a channel gets every message published to it while it is
/// subscribed (RabbitMQ: a fanout exchange with one exclusive queue per subscriber). Control commands sent on the
/// transport (the seed's relay takes them into the cluster) and their replies travel here. Nothing is kept for a subscriber that is not there: a channel is
/// for commands and announcements, not for work (work goes on queues).
/// <list type="number">
/// <item>A publish returns once the message is handed to the fabric (RabbitMQ: confirmed by every server
/// that is up; a transport with several independent servers publishes to each, and a subscriber may then
/// see a message more than once: receivers deduplicate, e.g. by the command nonce).</item>
/// <item>Messages of one publisher reach each subscriber in publish order. The callback runs one message
/// at a time per subscription; an exception from it is logged and the message dropped.</item>
/// <item>A subscriber also gets its own process's publishes.</item>
/// </list>
/// </summary>
public interface IBroadcast
{
    /// <summary>Publishes <paramref name="message"/> to every current subscriber of <paramref name="channel"/>.</summary>
    /// <exception cref="TransportException">No server took the message.</exception>
    ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to <paramref name="channel"/> (again after each reconnect) until the result is disposed.
    /// Messages published before this returns may be missed.
    /// </summary>
    Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default);
}
