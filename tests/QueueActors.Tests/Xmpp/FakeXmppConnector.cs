using System.Threading.Channels;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Tests.Xmpp;

/// <summary>
/// A connector without a server: each attempt fails while <see cref="FailuresLeft"/> is above zero, otherwise
/// yields a <see cref="FakeXmppConnection"/> that the test drives (answer pings, close, fail writes).
/// </summary>
internal sealed class FakeXmppConnector : IXmppConnector
{
    private readonly Channel<FakeXmppConnection> connections = Channel.CreateUnbounded<FakeXmppConnection>();
    private int attempts;

    /// <summary>Connect attempts still to fail.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>Whether new connections answer every ping as soon as it is written.</summary>
    public bool AnswerPings { get; set; } = true;

    public int Attempts => Volatile.Read(ref attempts);

    public Task<IXmppConnection> ConnectAsync(Action<XmppConnectionEvent> onEvent, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref attempts);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            return Task.FromException<IXmppConnection>(new XmppException("Connecting to fake:5222 failed: connection refused"));
        }

        var connection = new FakeXmppConnection(onEvent) { AnswerPings = AnswerPings };
        connections.Writer.TryWrite(connection);
        return Task.FromResult<IXmppConnection>(connection);
    }

    /// <summary>The next connection made.</summary>
    public async Task<FakeXmppConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(3));
        return await connections.Reader.ReadAsync(cancel.Token);
    }
}
