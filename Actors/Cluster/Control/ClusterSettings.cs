using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>The control channel and membership: <c>queueactors.cluster</c> (signing included).</summary>
public sealed record ClusterSettings
{
    public const string Section = "queueactors.cluster";

    /// <summary>
    /// The DistributedPubSub topic of commands, and the transport's broadcast channel of the same name that the active
    /// seed relays into it (the broker exchange, or the SQL broadcast on the embedded transport).
    /// </summary>
    public required string ControlChannel { get; init; }

    /// <summary>How long a control client waits for replies.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>How commands are signed and checked.</summary>
    public required SigningSettings Signing { get; init; }

    /// <summary>Whether a member whose process is gone is downed at once (<see cref="Lease.GoneProcessDowner"/>).</summary>
    public bool DownGoneMembers { get; init; } = true;

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    /// <exception cref="HoconException">A key is missing or breaks its rule.</exception>
    public static ClusterSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cluster = config.GetConfig(Section);
        return new ClusterSettings
        {
            ControlChannel = SettingRules.NonBlankString(cluster, "control-channel"),
            RequestTimeout = SettingRules.PositiveDuration(cluster, "request-timeout"),
            Signing = SigningSettings.FromConfig(config),
            DownGoneMembers = cluster.GetBool("down-gone-members"),
        };
    }
}
