using QueueActors.Actors.Config;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>The per-queue stats files and error logs (<c>queueactors.stats</c>), Zulip's queue_processors stats.</summary>
/// <param name="Directory">Where <c>&lt;site-or-shared&gt;/&lt;queue&gt;.stats</c> and <c>.errors</c> go; null: none are written.</param>
/// <param name="Interval">How often the stats files are written.</param>
/// <param name="ErrorLogSize">The size past which an error log is rotated to <c>.errors.1</c> (one old file kept).</param>
public sealed record StatsSettings(string? Directory, TimeSpan Interval, long ErrorLogSize)
{
    public const string Section = "queueactors.stats";

    /// <summary>No stats files, no error logs (reference.conf's default).</summary>
    public static StatsSettings Off { get; } = new(null, TimeSpan.FromSeconds(5), 10L * 1024 * 1024);

    /// <summary>Whether files are written.</summary>
    public bool Enabled => Directory is not null;

    /// <summary>A relative directory is under <paramref name="dataDirectory"/>, as dead letters are.</summary>
    /// <exception cref="HoconException">A value breaks its rule.</exception>
    public static StatsSettings FromConfig(HoconConfig config, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        var directory = section.GetString("directory");
        var size = section.GetBytes("error-log-size");
        if (size < 1024)
        {
            throw section.InvalidValue("error-log-size", "a size of at least 1KiB");
        }

        return new StatsSettings(
            directory.Length == 0 ? null : Path.Combine(dataDirectory, directory),
            SettingRules.PositiveDuration(section, "interval"),
            size);
    }

    /// <summary>The folder of one queue's files: the site of a breakout queue, or <c>shared</c>.</summary>
    public string FolderOf(string? site) => Path.Combine(Directory ?? throw new InvalidOperationException("Stats are off."), site ?? "shared");
}
