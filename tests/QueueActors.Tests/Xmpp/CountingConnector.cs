using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Tests.Xmpp;

/// <summary>Wraps a connector and counts the connections it made.</summary>
internal sealed class CountingConnector(IXmppConnector inner) : IXmppConnector
{
    private int connects;

    public int Connects => Volatile.Read(ref connects);

    public async Task<IXmppConnection> ConnectAsync(Action<XmppConnectionEvent> onEvent, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(onEvent, cancellationToken);
        Interlocked.Increment(ref connects);
        return connection;
    }
}
