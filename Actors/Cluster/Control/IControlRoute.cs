namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// How a <see cref="ControlClient"/> reaches the nodes and hears their replies: inside the cluster through
/// DistributedPubSub (<see cref="ActorControlRoute"/>), from outside through a ClusterClient, or through the transport's
/// broadcast channel that the active seed relays (<see cref="BroadcastControlRoute"/>, the door for external utilities).
/// </summary>
public interface IControlRoute : IAsyncDisposable
{
    /// <summary>Starts listening: <paramref name="onReply"/> gets every message that comes back (replies to anyone on a shared channel).</summary>
    /// <exception cref="Transport.TransportException">The route cannot be opened.</exception>
    Task OpenAsync(Action<ReadOnlyMemory<byte>> onReply, CancellationToken cancellationToken);

    /// <summary>Sends one sealed request.</summary>
    /// <exception cref="Transport.TransportException">No server took the message.</exception>
    ValueTask SendAsync(byte[] wire, CancellationToken cancellationToken);
}
