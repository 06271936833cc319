using Akka.Configuration;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Actors.Persistence;

/// <summary>
/// Where the persistent actors' journal and snapshots live (Akka.Persistence.Sql), from the node's settings:
/// <list type="bullet">
/// <item>SQLite: a file of its own next to the node's database (<c>queueactors.journal.db</c> beside
/// <c>queueactors.db</c>), in WAL mode. Not the same file: the SQL transport writes through one writer of its
/// own, and a second writer (the journal's connections) would contend for the file's single write lock with
/// every queue ack.</item>
/// <item>PostgreSQL: the database of <c>queueactors.postgres</c>; tables <c>journal</c>, <c>snapshot</c>, <c>tags</c>.</item>
/// </list>
/// Tables are created on first start (auto-initialize).
/// </summary>
public static class AkkaSqlPersistence
{
    /// <summary>linq2db's provider for Microsoft.Data.Sqlite.</summary>
    public const string SqliteProvider = "SQLite.MS";

    /// <summary>linq2db's provider for PostgreSQL 15 and later.</summary>
    public const string PostgresProvider = "PostgreSQL.15";

    /// <summary>Binds <see cref="IStoredAsJson"/> to <see cref="JsonEventSerializer"/>.</summary>
    public static string SerializationHocon { get; } = $$"""
        akka.actor {
          serializers.queueactors-json = "{{typeof(JsonEventSerializer).FullName}}, {{typeof(JsonEventSerializer).Assembly.GetName().Name}}"
          serialization-bindings { "{{typeof(IStoredAsJson).FullName}}, {{typeof(IStoredAsJson).Assembly.GetName().Name}}" = queueactors-json }
          serialization-identifiers { "{{typeof(JsonEventSerializer).FullName}}, {{typeof(JsonEventSerializer).Assembly.GetName().Name}}" = {{JsonEventSerializer.SerializerId}} }
        }
        """;

    /// <summary>The journal's SQLite file: the node's database file name with <c>.journal</c> before its extension.</summary>
    public static string SqliteJournalPath(SqliteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.FilePath;
        return Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".journal" + Path.GetExtension(path));
    }

    /// <summary>The connection string of the journal's SQLite file at <paramref name="path"/>.</summary>
    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path))), Pooling = true }.ToString();

    /// <summary>
    /// Creates the journal's SQLite file (and its directory) and puts it in WAL mode, a property of the file kept
    /// across connections: a commit appends to the log instead of rewriting pages; returns its connection string.
    /// </summary>
    /// <exception cref="PersistenceException">The file cannot be created or opened.</exception>
    public static string PrepareSqlite(string path)
    {
        var connectionString = SqliteConnectionString(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new PersistenceException($"The journal file {path} cannot be opened: {ex.Message}", ex);
        }

        return connectionString;
    }

    /// <summary>
    /// Plain HOCON for Akka.Persistence.Sql as the default journal and snapshot store on <paramref name="connectionString"/>
    /// (for actor systems built without Akka.Hosting: tests, benchmarks), with the serializer binding and the plugin's defaults.
    /// </summary>
    public static Akka.Configuration.Config Hocon(string connectionString, string providerName)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(providerName);
        var quoted = Quote(connectionString);
        var config = ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql { connection-string = {{quoted}}, provider-name = "{{providerName}}", auto-initialize = on }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { connection-string = {{quoted}}, provider-name = "{{providerName}}", auto-initialize = on }
              }
            }
            """);
        return config.WithFallback(ConfigurationFactory.ParseString(SerializationHocon)).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    /// <summary>The PostgreSQL connection string for the journal (the node's own database).</summary>
    public static string PostgresConnectionString(PostgresSettings settings) => (settings ?? throw new ArgumentNullException(nameof(settings))).ConnectionString;

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
