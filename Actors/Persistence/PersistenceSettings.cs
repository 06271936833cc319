using QueueActors.Actors.Config;

namespace QueueActors.Actors.Persistence;

/// <summary>Journals and snapshots: <c>queueactors.persistence</c>.</summary>
public sealed record PersistenceSettings
{
    public const string Section = "queueactors.persistence";

    /// <summary>Where journals and snapshots live.</summary>
    public required SqlBackend Backend { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static PersistenceSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        return new PersistenceSettings
        {
            Backend = SqlBackendSetting.Read(section, "backend"),
        };
    }
}
