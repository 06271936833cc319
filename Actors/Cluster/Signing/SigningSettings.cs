using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>How control commands are signed and checked: <c>queueactors.cluster.signing</c>.</summary>
public sealed record SigningSettings
{
    public const string Section = "queueactors.cluster.signing";

    /// <summary>Where the cluster secret is read from (a file, else an environment variable).</summary>
    public required SecretSource Secret { get; init; }

    /// <summary>A command whose timestamp is further than this from now is stale; nonces are remembered this long.</summary>
    public required TimeSpan MaxAge { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SigningSettings FromConfig(HoconConfig config)
    {
        var signing = config.GetConfig(Section);
        return new SigningSettings
        {
            Secret = new SecretSource(signing.GetString("secret-file"), signing.GetString("secret-env")),
            MaxAge = SettingRules.PositiveDuration(signing, "max-age"),
        };
    }
}
