using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>Signs control messages and broadcasts them on the control channel.</summary>
internal sealed class ControlPublisher(IBroadcast broadcast, string channel, CommandSigner signer)
{
    /// <exception cref="TransportException">No server took the message.</exception>
    public ValueTask PublishAsync(ControlMessage message, CancellationToken cancellationToken = default) =>
        broadcast.BroadcastAsync(channel, ControlWire.Seal(message, signer), cancellationToken);
}
