using QueueActors.Actors.Config;

namespace QueueActors.Actors.Scheduling;

/// <summary>Scheduled (delayed) and unique events: <c>queueactors.scheduling</c>.</summary>
public sealed record SchedulingSettings
{
    /// <summary>The HOCON section this record binds.</summary>
    public const string Section = "queueactors.scheduling";

    /// <summary>The longest a relay sleeps between two looks at the table (a row scheduled by another node is seen within it).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a relay's claim on a due row holds: a relay killed mid-way lets the row go after it.</summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The window of a unique key when the publish names none.</summary>
    public TimeSpan UniqueFor { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often expired unique keys are deleted.</summary>
    public TimeSpan UniqueSweepInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SchedulingSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        return new SchedulingSettings
        {
            PollInterval = SettingRules.PositiveDuration(section, "poll-interval"),
            ClaimTimeout = SettingRules.PositiveDuration(section, "claim-timeout"),
            UniqueFor = SettingRules.PositiveDuration(section, "unique-for"),
            UniqueSweepInterval = SettingRules.PositiveDuration(section, "unique-sweep-interval"),
        };
    }
}
