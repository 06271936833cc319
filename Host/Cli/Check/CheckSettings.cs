using QueueActors.Actors.Config;

namespace QueueActors.Host.Cli.Check;

/// <summary>
/// <c>queueactors.check</c>: the backlog thresholds (time to clear), with per-queue overrides, and how long a queue
/// with work may go without finishing an event before it counts as stuck.
/// </summary>
public sealed record CheckSettings(BacklogThresholds Backlog, IReadOnlyDictionary<string, BacklogThresholds> BacklogByQueue, TimeSpan StuckAfter)
{
    public const string Section = "queueactors.check";

    /// <summary>The thresholds of a logical queue.</summary>
    public BacklogThresholds BacklogFor(string queue) => BacklogByQueue.TryGetValue(queue, out var thresholds) ? thresholds : Backlog;

    /// <exception cref="HoconException">A value breaks its rule.</exception>
    public static CheckSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        var backlog = section.GetConfig("backlog");
        var defaults = Thresholds(backlog);
        var queues = backlog.GetConfig("queues");
        var byQueue = queues.Keys.ToDictionary(q => q, q => Thresholds(queues.GetConfig(q).WithFallback(backlog)), StringComparer.Ordinal);
        return new CheckSettings(defaults, byQueue, Positive(section, "stuck-after"));
    }

    private static TimeSpan Positive(HoconConfig section, string path) =>
        section.GetDuration(path) is var value && value > TimeSpan.Zero ? value : throw section.InvalidValue(path, "a duration greater than zero");

    private static BacklogThresholds Thresholds(HoconConfig section)
    {
        var warning = Positive(section, "warning");
        var critical = Positive(section, "critical");
        return critical >= warning ? new BacklogThresholds(warning, critical) : throw section.InvalidValue("critical", "a duration at least warning");
    }
}
