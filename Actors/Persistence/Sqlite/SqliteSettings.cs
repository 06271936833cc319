using QueueActors.Actors.Config;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>The embedded database: <c>queueactors.data-directory</c> and <c>queueactors.sqlite</c>.</summary>
public sealed record SqliteSettings
{
    public const string Section = "queueactors.sqlite";

    /// <summary>The directory holding the database file (created when missing).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The database file's name inside <see cref="DataDirectory"/>.</summary>
    public required string FileName { get; init; }

    /// <summary>True: every commit is synced to disk (PRAGMA synchronous=FULL); false: NORMAL (survives a killed process, not a power loss).</summary>
    public required bool FullSync { get; init; }

    /// <summary>How long a write waits for another process's lock on the file.</summary>
    public required TimeSpan BusyTimeout { get; init; }

    /// <summary>The database file's full path.</summary>
    public string FilePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SqliteSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        var fileName = SettingRules.NonBlankString(section, "file-name");
        if (fileName.IndexOfAny(['/', '\\']) >= 0)
        {
            throw section.InvalidValue("file-name", "a file name without a directory (the directory is data-directory)");
        }

        return new SqliteSettings
        {
            DataDirectory = SettingRules.NonBlankString(config, "queueactors.data-directory"),
            FileName = fileName,
            FullSync = section.GetString("synchronous") switch
            {
                "full" => true,
                "normal" => false,
                _ => throw section.InvalidValue("synchronous", "full or normal"),
            },
            BusyTimeout = SettingRules.PositiveDuration(section, "busy-timeout"),
        };
    }
}
