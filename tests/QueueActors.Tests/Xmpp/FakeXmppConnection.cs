using System.Threading.Channels;
using System.Xml.Linq;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Tests.Xmpp;

/// <summary>A connection that records each write (stanzas and ping) for the test to await and answer.</summary>
internal sealed class FakeXmppConnection(Action<XmppConnectionEvent> onEvent) : IXmppConnection
{
    private readonly Channel<Write> writes = Channel.CreateUnbounded<Write>();
    private int closed;

    public bool AnswerPings { get; set; }

    /// <summary>When set, the next write fails as a broken socket would (and the connection closes).</summary>
    public bool FailWrites { get; set; }

    public bool IsClosed => Volatile.Read(ref closed) != 0;

    public string Jid => "sender@fake/qa";

    public XNamespace StanzaNamespace => XmppNamespaces.Client;

    public ValueTask SendAsync(IReadOnlyList<XElement> stanzas, string? pingId = null, CancellationToken cancellationToken = default)
    {
        if (IsClosed || FailWrites)
        {
            Close("write failed");
            throw new XmppException("Writing to fake:5222 failed: broken pipe");
        }

        // The answer is on its way to the actor before the test sees the write, so a timer the test fires next
        // reaches the actor after the answer (as it would from a server that answered at once).
        if (AnswerPings && pingId is not null)
        {
            onEvent(new XmppIqAnswered(pingId, false));
        }

        writes.Writer.TryWrite(new Write([.. stanzas.Select(s => (string?)s.Attribute("id") ?? "")], pingId));

        return ValueTask.CompletedTask;
    }

    /// <summary>The next write: the ids of its stanzas and its ping id.</summary>
    public async Task<Write> NextWriteAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(3));
        return await writes.Reader.ReadAsync(cancel.Token);
    }

    public async Task ExpectNoWriteAsync(TimeSpan window)
    {
        using var cancel = new CancellationTokenSource(window);
        try
        {
            var write = await writes.Reader.ReadAsync(cancel.Token);
            throw new Xunit.Sdk.XunitException($"Expected no write but got [{string.Join(", ", write.StanzaIds)}] ping {write.PingId}");
        }
        catch (OperationCanceledException)
        {
            // Nothing was written: as expected.
        }
    }

    public void Answer(string pingId) => onEvent(new XmppIqAnswered(pingId, false));

    /// <summary>The server goes away.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
        {
            onEvent(new XmppConnectionClosed(reason, null));
        }
    }

    public void Abort() => Close("closed by us");

    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    public sealed record Write(IReadOnlyList<string> StanzaIds, string? PingId);
}
