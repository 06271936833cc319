using QueueActors.Actors.Config;

namespace QueueActors.Host.Web;

/// <summary>
/// The node's HTTP listener (<c>queueactors.http</c>): <c>/metrics</c> now, the status page later on the same port.
/// </summary>
/// <param name="Enabled">on / off; null for <c>auto</c>: on for cluster nodes (run, queueactors-seed, demo), off for <c>process-queue</c>.</param>
/// <param name="Hostname">The address to bind.</param>
/// <param name="Port">The port to bind; 0 takes any free one (the node logs the URL).</param>
public sealed record HttpSettings(bool? Enabled, string Hostname, int Port)
{
    public const string Section = "queueactors.http";

    /// <summary>Whether a node runs the listener; <paramref name="oneQueue"/>: the node is <c>process-queue</c>.</summary>
    public bool RunsOn(bool oneQueue) => Enabled ?? !oneQueue;

    /// <exception cref="HoconException">A value breaks its rule.</exception>
    public static HttpSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        bool? enabled = section.GetString("enabled") is "auto" ? null : section.GetBool("enabled");
        var (hostname, port) = Node.ListenAddress.Read(section);
        return new HttpSettings(enabled, hostname, port);
    }
}
