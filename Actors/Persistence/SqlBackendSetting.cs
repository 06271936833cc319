using QueueActors.Actors.Config;

namespace QueueActors.Actors.Persistence;

/// <summary>Reads a <c>backend = sqlite|postgres</c> setting.</summary>
internal static class SqlBackendSetting
{
    public static SqlBackend Read(HoconConfig config, string path) => config.GetString(path) switch
    {
        "sqlite" => SqlBackend.Sqlite,
        "postgres" => SqlBackend.Postgres,
        _ => throw config.InvalidValue(path, "sqlite or postgres"),
    };
}
