using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Benchmarks.Xmpp;

/// <summary>
/// The throwaway Prosody of the XMPP benchmarks (tests/QueueActors.Tests/Infrastructure/ProsodyServer.cs) with
/// their two accounts: <see cref="Sender"/>, the one the output logs in as, and <see cref="Receiver"/>, the
/// second client that counts what arrives.
/// </summary>
internal sealed class XmppBenchServer : IAsyncDisposable
{
    public const string Sender = "bench-sender";
    public const string Receiver = "bench-receiver";
    public const string Password = "bench-Pa55word";

    private XmppBenchServer(ProsodyServer prosody) => Prosody = prosody;

    public ProsodyServer Prosody { get; }

    /// <summary>Makes the accounts on a fresh Prosody and starts it.</summary>
    public static async Task<XmppBenchServer> StartAsync() =>
        new(await ProsodyServer.StartNewAsync((Sender, Password), (Receiver, Password)));

    /// <summary>The output's settings (reference.conf with this server's port and domain), logged in as <see cref="Sender"/>.</summary>
    public XmppSettings Settings(XmppMode mode, bool tls) => XmppSettings.FromConfig(ConfigLoader.Reference) with
    {
        Mode = mode,
        Port = mode == XmppMode.Client ? Prosody.ClientPort : Prosody.ComponentPort,
        Domain = mode == XmppMode.Client ? ProsodyServer.Domain : ProsodyServer.ComponentDomain,
        User = Sender,
        Tls = tls ? XmppTlsMode.Required : XmppTlsMode.Disabled,
        AcceptUntrustedCertificate = tls,
    };

    /// <summary>
    /// Logs in as <see cref="Receiver"/> with a fresh resource (send to its <see cref="XmppConnection.Jid"/>) and
    /// hands every message stanza that reaches it to <paramref name="onMessage"/>, on the connection's read loop.
    /// </summary>
    public Task<XmppConnection> ConnectReceiverAsync(Action<XElement> onMessage) => XmppConnection.ConnectAsync(
        Settings(XmppMode.Client, tls: false) with { User = Receiver, Resource = "bench-" + Guid.NewGuid().ToString("N")[..6] },
        new Secret(Password),
        e =>
        {
            if (e is XmppStanzaReceived { Stanza: { Name.LocalName: "message" } message })
            {
                onMessage(message);
            }
        },
        NullLogger.Instance);

    public ValueTask DisposeAsync() => Prosody.DisposeAsync();
}
