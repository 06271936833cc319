using System.Net;
using System.Net.Sockets;

namespace QueueActors.Tests.Xmpp.Protocol;

/// <summary>A listening socket on a free loopback port, standing in for a server.</summary>
internal sealed class LoopbackPair : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public LoopbackPair() => listener.Start();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async Task<NetworkStream> AcceptAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var socket = await listener.AcceptSocketAsync(timeout.Token);
        return new NetworkStream(socket, ownsSocket: true);
    }

    public void Dispose() => listener.Dispose();
}
