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
            }

            // On SQLite the write lock, taken by the first write, keeps another process from migrating at the same time.
            await SchemaScripts.ApplyAsync(connection, transaction, provider == OutboxProvider.Postgresql, component, scripts, sql => sql.Replace("{table}", table, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return scripts.Count;
        }
    }
}
