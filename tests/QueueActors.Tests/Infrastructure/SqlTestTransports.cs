using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Transport.Sql;

namespace QueueActors.Tests.Infrastructure;

/// <summary>SQL transports for tests: reference.conf's settings unless a test changes them.</summary>
public static class SqlTestTransports
{
    public static SqlTransportSettings Settings { get; } = SqlTransportSettings.FromConfig(ConfigLoader.Reference);

    /// <summary>A transport owning a SQLite file in <paramref name="directory"/> (the same file when opened again).</summary>
    public static Task<SqlTransport> OpenSqliteAsync(string directory, SqlTransportSettings? settings = null, TimeProvider? time = null) =>
        SqlTransport.OpenSqliteAsync(TestDatabases.SqliteSettings(directory), settings ?? Settings, time);

    /// <summary>A transport owning a connection pool to <paramref name="connectionString"/>.</summary>
    public static Task<SqlTransport> OpenPostgresAsync(string connectionString, SqlTransportSettings? settings = null, TimeProvider? time = null) =>
        SqlTransport.OpenPostgresAsync(new PostgresSettings { ConnectionString = connectionString }, settings ?? Settings, time);
}
