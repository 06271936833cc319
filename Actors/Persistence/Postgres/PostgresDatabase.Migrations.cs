using Dapper;

namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>Schema versions: each component's scripts applied in order, each recorded in schema_version.</summary>
public sealed partial class PostgresDatabase
{
    // pg_advisory_xact_lock key: nodes starting together migrate one after the other.
    private const long MigrationLockKey = 0x5141_6d69_6772; // "QAmigr"

    /// <summary>Brings <paramref name="component"/>'s tables to the newest version this build knows, in one transaction.</summary>
    /// <returns>The schema version now in place.</returns>
    internal async Task<int> MigrateAsync(string component, CancellationToken cancellationToken = default)
    {
        var scripts = SchemaScripts.For("postgres", component);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var applied = await SchemaScripts.ApplyAsync(connection, transaction, postgres: true, component, scripts, prepare: null, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (scripts.Count > applied)
                {
                    PostgresLog.Migrated(_logger, component, applied, scripts.Count);
                }

                return scripts.Count;
            }
        }
    }
}
