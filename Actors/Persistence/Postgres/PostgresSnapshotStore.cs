using Npgsql;

namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>Snapshots in the <c>snapshots</c> table of a <see cref="PostgresDatabase"/>.</summary>
public sealed class PostgresSnapshotStore : ISnapshotStore
{
    private readonly PostgresDatabase _database;

    internal PostgresSnapshotStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.PersistenceId);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO snapshots (persistence_id, sequence_nr, manifest, payload, written_at) VALUES (@id, @nr, @manifest, @payload, @at)
                ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET manifest = excluded.manifest, payload = excluded.payload, written_at = excluded.written_at
                """,
                connection);
            command.Parameters.AddWithValue("id", snapshot.PersistenceId);
            command.Parameters.AddWithValue("nr", snapshot.SequenceNr);
            command.Parameters.AddWithValue("manifest", snapshot.Manifest);
            command.Parameters.AddWithValue("payload", JournalEntries.ToArray(snapshot.Payload));
            command.Parameters.AddWithValue("at", snapshot.WrittenAt.ToUniversalTime());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<SnapshotEntry?> LoadLatestAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT sequence_nr, manifest, payload, written_at FROM snapshots WHERE persistence_id = @id ORDER BY sequence_nr DESC LIMIT 1", connection);
            command.Parameters.AddWithValue("id", persistenceId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new SnapshotEntry(persistenceId, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3))
                    : null;
            }
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM snapshots WHERE persistence_id = @id AND sequence_nr <= @max", connection);
            command.Parameters.AddWithValue("id", persistenceId);
            command.Parameters.AddWithValue("max", maxSequenceNr);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
