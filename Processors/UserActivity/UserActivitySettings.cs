using QueueActors.Actors.Config;

namespace QueueActors.Processors.UserActivity;

/// <summary>Where user activity is kept: <c>queueactors.processors.user-activity</c>.</summary>
public sealed record UserActivitySettings
{
    public required UserActivityBackend Backend { get; init; }

    /// <summary>A Microsoft.Data.Sqlite or Npgsql connection string; it may hold a password, so it is never logged.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The connection string's text stays out of generated output (it may hold a password).</summary>
    public override string ToString() => $"UserActivitySettings {{ Backend = {Backend} }}";

    /// <summary>Binds <c>queueactors.processors.user-activity</c>; a bad value names its key.</summary>
    public static UserActivitySettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig("queueactors.processors.user-activity");
        return new UserActivitySettings
        {
            Backend = section.GetString("backend") switch
            {
                "sqlite" => UserActivityBackend.Sqlite,
                "postgres" => UserActivityBackend.Postgres,
                _ => throw section.InvalidValue("backend", "sqlite or postgres"),
            },
            ConnectionString = ProcessorSettingRules.NonBlankString(section, "connection-string"),
        };
    }
}
