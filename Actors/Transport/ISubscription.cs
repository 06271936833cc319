namespace QueueActors.Actors.Transport;

/// <summary>
/// A consumer on one broker queue (on every server of the transport). It comes back by itself after a
/// server is lost and found again, until it is stopped. Disposing stops it, then lets go of the deliveries
/// still unsettled: the broker requeues them (their delivery count grows). Disposing twice is harmless.
/// Stop or dispose from outside the delivery callback: on RabbitMQ disposing closes the channel whose
/// dispatcher runs that callback.
/// </summary>
public interface ISubscription : IAsyncDisposable
{
    /// <summary>The queue consumed.</summary>
    string BrokerQueue { get; }

    /// <summary>
    /// Takes no new deliveries from now on; deliveries already handed out can still be acknowledged or
    /// rejected. One cancel per server, all at once (no per-message work), so stopping is quick.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
