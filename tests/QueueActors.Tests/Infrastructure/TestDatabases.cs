using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Tests.Infrastructure;

/// <summary>Databases and settings for tests, with the defaults of reference.conf where a test does not care.</summary>
public static class TestDatabases
{
    /// <summary>Settings for a SQLite file in <paramref name="directory"/> (synchronous=normal: tests need no power-loss safety).</summary>
    public static SqliteSettings SqliteSettings(string directory) =>
        Actors.Persistence.Sqlite.SqliteSettings.FromConfig(ConfigLoader.LoadText($"queueactors {{ data-directory = \"{directory}\", sqlite.synchronous = normal }}"));

    public static Task<SqliteDatabase> OpenSqliteAsync(string directory) => SqliteDatabase.OpenAsync(SqliteSettings(directory));

    public static Task<PostgresDatabase> OpenPostgresAsync(string connectionString) =>
        PostgresDatabase.OpenAsync(new PostgresSettings { ConnectionString = connectionString });
}
