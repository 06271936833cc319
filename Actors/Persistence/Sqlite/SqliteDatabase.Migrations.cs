using Dapper;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>Schema versions: each component's scripts applied in order, each recorded in schema_version.</summary>
public sealed partial class SqliteDatabase
{
    /// <summary>
    /// Brings <paramref name="component"/>'s tables to the newest version this build knows, in one transaction
    /// (SQLite DDL is transactional, and the write lock keeps another process from migrating at the same time).
    /// </summary>
    /// <returns>The schema version now in place.</returns>
    internal Task<int> MigrateAsync(string component, CancellationToken cancellationToken = default)
    {
        var scripts = SchemaScripts.For("sqlite", component);
        return WriteAsync((connection, transaction) =>
        {
            connection.Execute(
                $"CREATE TABLE IF NOT EXISTS {SchemaScripts.VersionTable} (component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))",
                transaction: transaction);
            var applied = connection.ExecuteScalar<int>($"SELECT COALESCE(MAX(version), 0) FROM {SchemaScripts.VersionTable} WHERE component = @component", new { component }, transaction);
            SchemaScripts.CheckNotNewer(component, applied, scripts);
            foreach (var script in scripts.Where(s => s.Version > applied))
            {
                Execute(connection, script.Sql, transaction);
                connection.Execute(
                    $"INSERT INTO {SchemaScripts.VersionTable} (component, version, name, applied_at) VALUES (@component, @version, @name, @at)",
                    new { component, version = script.Version, name = script.Name, at = DateTimeOffset.UtcNow.ToString("O") },
                    transaction);
            }

            if (scripts.Count > applied)
            {
                SqliteLog.Migrated(_logger, component, FilePath, applied, scripts.Count);
            }

            return scripts.Count;
        }, cancellationToken);
    }
}
