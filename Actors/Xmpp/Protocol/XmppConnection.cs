using System.Net.Security;
using System.Net.Sockets;
using System.Security;
using System.Security.Authentication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// One XMPP stream over TCP (and TLS), written here because no .NET XMPP library is installable:
/// 1. connect and negotiate within the connect timeout: as a client (STARTTLS, SASL, bind, presence; see
///    XmppConnection.Client.cs) or as a component (XEP-0114 handshake; XmppConnection.Component.cs);
/// 2. then a read loop answers server pings (XEP-0199), refuses other requests, and reports ping answers,
///    incoming stanzas and finally the close as <see cref="XmppConnectionEvent"/>s;
/// 3. writes from the owner and from the read loop are serialized by one gate, each as one buffer.
/// </summary>
public sealed partial class XmppConnection : IXmppConnection
{
    private const int Open = 0;
    private const int Closing = 1;
    private const int Closed = 2;

    private readonly XmppSettings settings;
    private readonly ILogger logger;
    private readonly TcpClient tcp;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private Stream stream;
    private XmppElementReader? reader;
    private Action<XmppConnectionEvent> onEvent = static _ => { };
    private Task readLoop = Task.CompletedTask;
    private int state;

    private XmppConnection(XmppSettings settings, TcpClient tcp, ILogger logger)
    {
        this.settings = settings;
        this.tcp = tcp;
        this.logger = logger;
        stream = tcp.GetStream();
        StanzaNamespace = settings.Mode == XmppMode.Client ? XmppNamespaces.Client : XmppNamespaces.Component;
        Jid = settings.Domain;
    }

    public string Jid { get; private set; }

    public XNamespace StanzaNamespace { get; }

    /// <summary>Whether the stream runs over TLS.</summary>
    public bool IsEncrypted => stream is SslStream;

    /// <summary>The SASL mechanism used to log in (client mode).</summary>
    public string? SaslMechanism { get; private set; }

    /// <summary>Connects, negotiates and starts the read loop; see <see cref="IXmppConnector.ConnectAsync"/>.</summary>
    public static async Task<XmppConnection> ConnectAsync(XmppSettings settings, Secret secret, Action<XmppConnectionEvent> onEvent, ILogger logger, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        XmppConnection connection;
        try
        {
            await tcp.ConnectAsync(settings.Host, settings.Port, timeout.Token).ConfigureAwait(false);
            connection = new XmppConnection(settings, tcp, logger);

            // XmlReader takes no token: when time is up the socket is closed, which ends any read.
            await using (timeout.Token.Register(tcp.Dispose).ConfigureAwait(false))
            {
                await (settings.Mode == XmppMode.Client ? connection.LogInAsync(secret, timeout.Token) : connection.ShakeHandsAsync(secret)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new XmppException($"Connecting to {settings.Host}:{settings.Port} took longer than {settings.ConnectTimeout}.", ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or AuthenticationException or XmlException)
        {
            tcp.Dispose();
            throw new XmppException($"Connecting to {settings.Host}:{settings.Port} failed: {ex.Message}", ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        XmppLog.Connected(logger, settings.Host, settings.Port, connection.Jid, connection.IsEncrypted, connection.SaslMechanism ?? "component handshake");
        connection.onEvent = onEvent;
        connection.readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    public async ValueTask SendAsync(IReadOnlyList<XElement> stanzas, string? pingId = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        foreach (var stanza in stanzas)
        {
            text.Append(stanza.ToString(SaveOptions.DisableFormatting));
        }

        if (pingId is not null)
        {
            text.Append(Ping(pingId).ToString(SaveOptions.DisableFormatting));
        }

        await WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    public void Abort()
    {
        if (Interlocked.CompareExchange(ref state, Closing, Open) == Open)
        {
            CloseTransport();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.CompareExchange(ref state, Closing, Open) == Open)
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await WriteCoreAsync("</stream:stream>", quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is XmppException or OperationCanceledException)
            {
                // Saying goodbye is a courtesy: the socket closes either way.
            }

            CloseTransport();
        }

        await readLoop.ConfigureAwait(false);
    }

    private XElement Ping(string id)
    {
        var ping = new XElement(StanzaNamespace + "iq", new XAttribute("type", "get"), new XAttribute("id", id), new XAttribute("to", settings.PingTarget), new XElement(XmppNamespaces.Ping + "ping"));
        if (settings.Mode == XmppMode.Component)
        {
            ping.SetAttributeValue("from", settings.Domain);
        }

        return ping;
    }

    private Task WriteAsync(string text, CancellationToken cancellationToken) =>
        Volatile.Read(ref state) == Open ? WriteCoreAsync(text, cancellationToken) : throw new XmppException("The XMPP connection is closed.");

    private async Task WriteCoreAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abort(); // half a stanza may be on the wire: the stream cannot be trusted any more
            throw;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or NotSupportedException)
        {
            Abort();
            throw new XmppException($"Writing to {settings.Host}:{settings.Port} failed: {ex.Message}", ex);
        }
        finally
        {
            writeGate.Release();
        }
    }

    private void CloseTransport()
    {
        stream.Dispose();
        tcp.Dispose();
    }

    private static string Escape(string value) => SecurityElement.Escape(value);
}
