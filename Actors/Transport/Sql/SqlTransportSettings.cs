using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>The durable SQL transport: <c>queueactors.sql-transport</c>.</summary>
public sealed record SqlTransportSettings
{
    public const string Section = "queueactors.sql-transport";

    /// <summary>Where the queues live.</summary>
    public required SqlBackend Backend { get; init; }

    /// <summary>How long a delivery may stay unsettled before it is delivered again.</summary>
    public required TimeSpan VisibilityTimeout { get; init; }

    /// <summary>The longest an idle consumer goes without looking for expired claims (of crashed consumers elsewhere).</summary>
    public required TimeSpan ReclaimInterval { get; init; }

    /// <summary>Messages claimed per round trip.</summary>
    public required int ClaimBatchSize { get; init; }

    /// <summary>How long broadcast messages stay in the log before publishers prune them (a subscriber further behind misses them).</summary>
    public required TimeSpan BroadcastRetention { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SqlTransportSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        return new SqlTransportSettings
        {
            Backend = SqlBackendSetting.Read(section, "backend"),
            VisibilityTimeout = SettingRules.PositiveDuration(section, "visibility-timeout"),
            ReclaimInterval = SettingRules.PositiveDuration(section, "reclaim-interval"),
            ClaimBatchSize = SettingRules.IntAtLeast(section, "claim-batch-size", 1),
            BroadcastRetention = SettingRules.PositiveDuration(section, "broadcast-retention"),
        };
    }
}
