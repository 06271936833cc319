using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>Connects to the configured server in client or component mode with the secret the settings point at.</summary>
public sealed class XmppConnector : IXmppConnector
{
    private readonly XmppSettings settings;
    private readonly Secret secret;
    private readonly ILogger logger;

    public XmppConnector(XmppSettings settings, Secret secret, ILogger? logger = null)
    {
        this.settings = settings;
        this.secret = secret;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Reads the secret now (a missing one fails at start, not at the first connect).</summary>
    public static XmppConnector FromSettings(XmppSettings settings, ILogger? logger = null, Func<string, string?>? environment = null) =>
        new(settings, settings.Secret.Read(environment), logger);

    public async Task<IXmppConnection> ConnectAsync(Action<XmppConnectionEvent> onEvent, CancellationToken cancellationToken = default) =>
        await XmppConnection.ConnectAsync(settings, secret, onEvent, logger, cancellationToken).ConfigureAwait(false);
}
