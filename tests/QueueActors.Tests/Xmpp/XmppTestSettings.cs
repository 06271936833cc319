using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Xmpp;

/// <summary>Settings for connecting to a test server: reference defaults with the server's ports and fast timings.</summary>
internal static class XmppTestSettings
{
    public static XmppSettings Defaults { get; } = XmppSettings.FromConfig(ConfigLoader.Reference);

    /// <summary>A client of the test server on plain TCP (tls = disabled), logging in as <paramref name="user"/>.</summary>
    public static XmppSettings Client(ProsodyServer server, string user, string? resource = null) => Defaults with
    {
        Mode = XmppMode.Client,
        Port = server.ClientPort,
        Domain = ProsodyServer.Domain,
        User = user,
        Resource = resource ?? "qa-" + Guid.NewGuid().ToString("N")[..8],
        Tls = XmppTlsMode.Disabled,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MinBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>The test server's external component.</summary>
    public static XmppSettings Component(ProsodyServer server) => Defaults with
    {
        Mode = XmppMode.Component,
        Port = server.ComponentPort,
        Domain = ProsodyServer.ComponentDomain,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MinBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };
}
