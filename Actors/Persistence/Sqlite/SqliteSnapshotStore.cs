using Dapper;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>Snapshots in the <c>snapshots</c> table of a <see cref="SqliteDatabase"/>.</summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    private readonly SqliteDatabase _database;

    internal SqliteSnapshotStore(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.PersistenceId);
        var row = new
        {
            id = snapshot.PersistenceId,
            nr = snapshot.SequenceNr,
            manifest = snapshot.Manifest,
            payload = JournalEntries.ToArray(snapshot.Payload),
            at = snapshot.WrittenAt.ToUnixTimeMilliseconds(),
        };
        return _database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "INSERT OR REPLACE INTO snapshots (persistence_id, sequence_nr, manifest, payload, written_at) VALUES (@id, @nr, @manifest, @payload, @at)", row, transaction),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<SnapshotEntry?> LoadLatestAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return _database.ReadAsync<SnapshotEntry?>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sequence_nr, manifest, payload, written_at FROM snapshots WHERE persistence_id = $id ORDER BY sequence_nr DESC LIMIT 1";
            command.Parameters.AddWithValue("$id", persistenceId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new SnapshotEntry(persistenceId, reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
                : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return _database.WriteAsync(
            (connection, transaction) => connection.Execute("DELETE FROM snapshots WHERE persistence_id = @persistenceId AND sequence_nr <= @maxSequenceNr", new { persistenceId, maxSequenceNr }, transaction),
            cancellationToken);
    }
}
