using QueueActors.Actors.Config;

namespace QueueActors.Actors.Push;

/// <summary>Events pushed to connected clients: <c>queueactors.push</c>.</summary>
public sealed record PushSettings
{
    public const string Section = "queueactors.push";

    /// <summary>Whether the node serves <c>/push</c> and handlers may push. Must be the same on every node (the owners are sharded over the nodes that have it on).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many of a channel's latest events its owner holds for clients that reconnect.</summary>
    public int HistorySize { get; init; } = 1000;

    /// <summary>How long an event is held; a channel with no clients and nothing held this long is forgotten.</summary>
    public TimeSpan HistoryAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle event stream gets a comment line, so that proxies keep it open.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Events waiting for one slow client at most; past it the client is cut off (it reconnects with its Last-Event-ID).</summary>
    public int ClientBuffer { get; init; } = 256;

    /// <summary>The longest a long-poll waits for an event (also its default).</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <exception cref="HoconException">A value breaks its rule.</exception>
    public static PushSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        return new PushSettings
        {
            Enabled = section.GetBool("enabled"),
            HistorySize = SettingRules.IntAtLeast(section, "history-size", 0),
            HistoryAge = SettingRules.PositiveDuration(section, "history-age"),
            Heartbeat = SettingRules.PositiveDuration(section, "heartbeat"),
            ClientBuffer = SettingRules.IntAtLeast(section, "client-buffer", 1),
            PollTimeout = SettingRules.PositiveDuration(section, "poll-timeout"),
        };
    }
}
