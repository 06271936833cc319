using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>Where one of the node's listeners binds (remoting, HTTP): <c>hostname</c> and <c>port</c> of its section.</summary>
internal static class ListenAddress
{
    /// <summary>A non-blank host name or address, and a port from 0 (any free one) to 65535.</summary>
    /// <exception cref="HoconException">A value breaks its rule (the error names the key).</exception>
    public static (string Hostname, int Port) Read(HoconConfig section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var port = section.GetInt("port");
        if (port is < 0 or > 65535)
        {
            throw section.InvalidValue("port", "a port from 0 (any free one) to 65535");
        }

        var hostname = section.GetString("hostname");
        if (string.IsNullOrWhiteSpace(hostname))
        {
            throw section.InvalidValue("hostname", "a non-empty host name or address");
        }

        return (hostname, port);
    }
}
