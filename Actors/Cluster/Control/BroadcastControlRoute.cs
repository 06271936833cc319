using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The control channel on the transport: requests are broadcast on <c>control-channel</c> (the RabbitMQ exchange
/// <c>qa.control</c>, or the SQL broadcast table), where the active seed's <see cref="ControlRelay"/> takes them into the
/// cluster and broadcasts the replies back. What StatusNet's external utilities did with <c>update:&lt;site&gt;</c>.
/// </summary>
public sealed class BroadcastControlRoute(IBroadcast broadcast, string channel) : IControlRoute
{
    private IAsyncDisposable? subscription;

    public async Task OpenAsync(Action<ReadOnlyMemory<byte>> onReply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onReply);
        subscription = await broadcast.SubscribeBroadcastAsync(
            channel,
            (wire, _) =>
            {
                onReply(wire);
                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask SendAsync(byte[] wire, CancellationToken cancellationToken) => broadcast.BroadcastAsync(channel, wire, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref subscription, null) is { } active)
        {
            await active.DisposeAsync().ConfigureAwait(false);
        }
    }
}
