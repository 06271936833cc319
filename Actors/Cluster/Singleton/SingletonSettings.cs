using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Singleton;

/// <summary>How cluster singletons move between nodes: <c>queueactors.cluster.singleton</c>.</summary>
public sealed record SingletonSettings
{
    public const string Section = "queueactors.cluster.singleton";

    /// <summary>The singletons' queues are named this plus the singleton's name; clusters sharing a broker need their own.</summary>
    public required string QueuePrefix { get; init; }

    /// <summary>How often each candidate puts a tick on the singleton's queue.</summary>
    public required TimeSpan TickInterval { get; init; }

    /// <summary>The active node steps down when it got no tick for this long (it is no longer the active consumer).</summary>
    public required TimeSpan LeaseTimeout { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SingletonSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        var tick = SettingRules.PositiveDuration(section, "tick-interval");
        var lease = SettingRules.PositiveDuration(section, "lease-timeout");
        return new SingletonSettings
        {
            QueuePrefix = SettingRules.NonBlankString(section, "queue-prefix"),
            TickInterval = tick,
            LeaseTimeout = lease > tick * 2 ? lease : throw section.InvalidValue("lease-timeout", "a duration of more than twice tick-interval"),
        };
    }
}
