using System.Data.Common;
using Dapper;
using QueueActors.Actors.Persistence;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// Creates and upgrades the outbox table in the application's database, the way the SQL transport migrates its
/// own tables: the embedded scripts <c>Outbox/Migrations/&lt;backend&gt;/NNNN_name.sql</c> applied in order in one
/// transaction, each recorded in <c>schema_version</c> under the component <c>outbox:&lt;table&gt;</c> (so two
/// outbox tables in one database migrate apart). Safe to run from every process at start.
/// </summary>
public static class OutboxSchema
{
    // pg_advisory_xact_lock key: processes starting together migrate one after the other.
    private const long MigrationLockKey = 0x5141_6f75_7462; // "QAoutb"

    /// <summary>Brings the outbox table on <paramref name="connection"/> (open or not) to the newest version; returns it.</summary>
    /// <exception cref="ArgumentException">The table name is not a plain identifier.</exception>
    public static async Task<int> EnsureCreatedAsync(DbConnection connection, OutboxProvider provider, string table = OutboxTable.DefaultName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        OutboxTable.Validate(table);
        var component = $"outbox:{table}";
        var scripts = SchemaScripts.For(provider == OutboxProvider.Postgresql ? "postgres" : "sqlite", "outbox");
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (provider == OutboxProvider.Postgresql)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"CREATE TABLE IF NOT EXISTS {SchemaScripts.VersionTable} (component text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))",
                    transaction: transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                // SQLite's write lock, taken by this first write, keeps another process from migrating at the same time.
                await connection.ExecuteAsync(new CommandDefinition(
                    $"CREATE TABLE IF NOT EXISTS {SchemaScripts.VersionTable} (component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))",
                    transaction: transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var applied = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"SELECT COALESCE(MAX(version), 0) FROM {SchemaScripts.VersionTable} WHERE component = @component", new { component }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            SchemaScripts.CheckNotNewer(component, applied, scripts);
            foreach (var script in scripts.Where(s => s.Version > applied))
            {
                await connection.ExecuteAsync(new CommandDefinition(script.Sql.Replace("{table}", table, StringComparison.Ordinal), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    provider == OutboxProvider.Postgresql
                        ? $"INSERT INTO {SchemaScripts.VersionTable} (component, version, name) VALUES (@component, @version, @name)"
                        : $"INSERT INTO {SchemaScripts.VersionTable} (component, version, name, applied_at) VALUES (@component, @version, @name, @at)",
                    new { component, version = script.Version, name = script.Name, at = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return scripts.Count;
        }
    }
}
