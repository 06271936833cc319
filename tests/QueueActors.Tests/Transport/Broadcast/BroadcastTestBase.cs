using System.Text;
using QueueActors.Actors.Transport;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>
/// What broadcast tests need on top of <see cref="TransportTestBase"/>: channel names, text messages, probed
/// subscriptions disposed after the test, and a peer: a second transport on the same fabric (another node),
/// or the transport itself where there is none (in-memory).
/// </summary>
public abstract class BroadcastTestBase : TransportTestBase
{
    private readonly List<IAsyncDisposable> _disposables = [];
    private ITransport? _peer;

    /// <summary>A second transport on the same broker or database; null where there is none.</summary>
    protected virtual Task<ITransport?> OpenPeerAsync() => Task.FromResult<ITransport?>(null);

    protected static string NewChannel(string what) => $"test.channel.{what}.{Guid.NewGuid():N}";

    protected ValueTask PublishAsync(string channel, string message) => Transport.BroadcastAsync(channel, Encoding.UTF8.GetBytes(message));

    protected async Task<BroadcastProbe> SubscribeAsync(ITransport transport, string channel)
    {
        var probe = new BroadcastProbe();
        _disposables.Add(await transport.SubscribeBroadcastAsync(channel, probe.OnMessageAsync));
        return probe;
    }

    /// <summary>Disposes the subscriptions of the test, then the peer, then (in the base) the transport.</summary>
    protected override async Task OnDisposingAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    protected async Task<ITransport> PeerAsync()
    {
        _peer ??= await OpenPeerAsync();
        return _peer ?? Transport;
    }

    /// <summary>Subscribes with <paramref name="probe"/> and disposes the subscription after the test.</summary>
    protected async Task<IAsyncDisposable> SubscribeAsync(ITransport transport, string channel, BroadcastProbe probe)
    {
        var subscription = await transport.SubscribeBroadcastAsync(channel, probe.OnMessageAsync);
        _disposables.Add(subscription);
        return subscription;
    }

    protected static ValueTask PublishAsync(ITransport transport, string channel, string message) => transport.BroadcastAsync(channel, Encoding.UTF8.GetBytes(message));
}
