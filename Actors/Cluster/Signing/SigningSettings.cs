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

    /// <summary>The clock skew allowed when the configuration does not say.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How far a signer's clock may be behind a node's: a node refuses commands signed before its start less this
    /// (a command captured before a restart cannot be replayed after it). At most <see cref="MaxAge"/>.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = DefaultClockSkew;

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SigningSettings FromConfig(HoconConfig config)
    {
        var signing = config.GetConfig(Section);
        var maxAge = SettingRules.PositiveDuration(signing, "max-age");
        var skew = signing.HasPath("clock-skew") ? SettingRules.PositiveDuration(signing, "clock-skew") : DefaultClockSkew;
        return new SigningSettings
        {
            Secret = new SecretSource(signing.GetString("secret-file"), signing.GetString("secret-env")),
            MaxAge = maxAge,
            ClockSkew = skew <= maxAge ? skew : throw signing.InvalidValue("clock-skew", "a duration no longer than max-age"),
        };
    }
}
