using QueueActors.Actors.Config;
using QueueActors.Host.Node.Tls;

namespace QueueActors.Host.Node;

/// <summary>
/// Where a node's Akka.Remote listens (<c>queueactors.cluster.remoting</c>): 127.0.0.1 and any free port unless
/// configured. A seed node needs a fixed port (the others' <c>seed-nodes</c> name it): the key <c>port</c>, the
/// variable <see cref="PortVariable"/> or <c>run --port</c>.
/// </summary>
/// <param name="Hostname">The address to bind.</param>
/// <param name="Port">The port to bind; 0 takes any free one.</param>
/// <param name="PublicHostname">The address the others reach this node at, when not <paramref name="Hostname"/> (NAT, 0.0.0.0); empty: the same.</param>
public sealed record NodeRemoting(string Hostname, int Port, string PublicHostname)
{
    public const string Section = "queueactors.cluster.remoting";

    /// <summary>The environment variable that replaces the default port (a file's <c>port</c> wins over it).</summary>
    public const string PortVariable = "QUEUEACTORS_REMOTING_PORT";

    /// <summary>Mutual TLS (<c>tls</c>), or null when off.</summary>
    public RemotingTlsSettings? Tls { get; init; }

    /// <exception cref="HoconException">A value breaks its rule.</exception>
    public static NodeRemoting FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        var (hostname, port) = ListenAddress.Read(section);
        return new NodeRemoting(hostname, port, section.GetString("public-hostname")) { Tls = RemotingTlsSettings.FromConfig(config) };
    }
}
