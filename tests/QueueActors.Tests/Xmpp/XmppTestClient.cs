using System.Threading.Channels;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit.Sdk;

namespace QueueActors.Tests.Xmpp;

/// <summary>
/// The second client of the tests: logs in as the receiving account with a fresh resource, and lets a test await
/// the messages that reach it, and the answers to iqs it sends.
/// </summary>
internal sealed class XmppTestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private readonly Channel<XElement> messages = Channel.CreateUnbounded<XElement>();
    private readonly Channel<XmppIqAnswered> answers = Channel.CreateUnbounded<XmppIqAnswered>();
    private readonly TaskCompletionSource<string> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private XmppConnection? connection;

    public XmppConnection Connection => connection ?? throw new InvalidOperationException("Not connected.");

    /// <summary>Our full JID: send to it, so that only this client gets the messages.</summary>
    public string Jid => Connection.Jid;

    /// <summary>Completes with the reason when the connection closes.</summary>
    public Task<string> Closed => closed.Task;

    public static async Task<XmppTestClient> ConnectAsync(XmppSettings settings, string password)
    {
        var client = new XmppTestClient();
        client.connection = await XmppConnection.ConnectAsync(settings, new Secret(password), client.OnEvent, NullLogger.Instance);

        // Presence went out at login; one ping round trip later the server has surely taken it in.
        await client.RoundTripAsync();
        return client;
    }

    public static Task<XmppTestClient> ReceiverAsync(ProsodyServer server) =>
        ConnectAsync(XmppTestSettings.Client(server, ProsodyFixture.Receiver), ProsodyFixture.ReceiverPassword);

    /// <summary>Sends an iq (a ping to the server by default) and returns its answer (result or error).</summary>
    public async Task<XmppIqAnswered> RoundTripAsync(XElement? iq = null)
    {
        var id = "rt-" + Guid.NewGuid().ToString("N")[..8];
        if (iq is null)
        {
            await Connection.SendAsync([], id);
        }
        else
        {
            iq.SetAttributeValue("id", id);
            await Connection.SendAsync([iq]);
        }

        using var timeout = new CancellationTokenSource(DefaultTimeout);
        while (true)
        {
            var answer = await answers.Reader.ReadAsync(timeout.Token);
            if (answer.Id == id)
            {
                return answer;
            }
        }
    }

    /// <summary>Exactly <paramref name="count"/> messages whose body starts with <paramref name="prefix"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<XElement>> ExpectMessagesAsync(int count, string prefix, TimeSpan? timeout = null)
    {
        var received = new List<XElement>();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (received.Count < count)
            {
                var message = await messages.Reader.ReadAsync(cancel.Token);
                if (Body(message).StartsWith(prefix, StringComparison.Ordinal))
                {
                    received.Add(message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"Received {received.Count} of {count} messages starting with {prefix}.");
        }

        return received;
    }

    /// <summary>Passes when no message with the prefix arrives within the window (after the expected ones: no duplicates).</summary>
    public async Task ExpectNoMoreAsync(string prefix, TimeSpan window)
    {
        using var cancel = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(cancel.Token);
                if (Body(message).StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new XunitException($"Unexpected extra message: {message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Nothing more came: as expected.
        }
    }

    public static string Body(XElement message) => message.Element(message.Name.Namespace + "body")?.Value ?? "";

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private void OnEvent(XmppConnectionEvent e)
    {
        switch (e)
        {
            case XmppStanzaReceived { Stanza.Name.LocalName: "message" } received:
                messages.Writer.TryWrite(received.Stanza);
                break;
            case XmppIqAnswered answer:
                answers.Writer.TryWrite(answer);
                break;
            case XmppConnectionClosed close:
                closed.TrySetResult(close.Reason);
                break;
        }
    }
}
