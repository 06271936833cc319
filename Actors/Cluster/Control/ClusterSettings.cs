using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>The control channel and the membership view: <c>queueactors.cluster</c> (signing included).</summary>
public sealed record ClusterSettings
{
    public const string Section = "queueactors.cluster";

    /// <summary>The fan-out channel of commands, replies and heartbeats.</summary>
    public required string ControlChannel { get; init; }

    /// <summary>How often a node sends its heartbeat.</summary>
    public required TimeSpan HeartbeatInterval { get; init; }

    /// <summary>No heartbeat for this long: the member is unreachable.</summary>
    public required TimeSpan FailureDetection { get; init; }

    /// <summary>No heartbeat for this long: the member is gone.</summary>
    public required TimeSpan GoneAfter { get; init; }

    /// <summary>How long a control client waits for replies.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>How commands are signed and checked.</summary>
    public required SigningSettings Signing { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    /// <exception cref="HoconException">A key is missing or breaks its rule.</exception>
    public static ClusterSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cluster = config.GetConfig(Section);
        var interval = SettingRules.PositiveDuration(cluster, "heartbeat-interval");
        var failure = SettingRules.PositiveDuration(cluster, "failure-detection");
        if (failure <= interval)
        {
            throw cluster.InvalidValue("failure-detection", "a duration longer than heartbeat-interval");
        }

        var gone = SettingRules.PositiveDuration(cluster, "gone-after");
        if (gone <= failure)
        {
            throw cluster.InvalidValue("gone-after", "a duration longer than failure-detection");
        }

        return new ClusterSettings
        {
            ControlChannel = SettingRules.NonBlankString(cluster, "control-channel"),
            HeartbeatInterval = interval,
            FailureDetection = failure,
            GoneAfter = gone,
            RequestTimeout = SettingRules.PositiveDuration(cluster, "request-timeout"),
            Signing = SigningSettings.FromConfig(config),
        };
    }
}
