using Microsoft.Data.Sqlite;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>The event journal in the <c>journal</c> table of a <see cref="SqliteDatabase"/>.</summary>
public sealed class SqliteJournal : IEventJournal
{
    private const int ConstraintViolation = 19; // SQLITE_CONSTRAINT: here the (persistence_id, sequence_nr) key
    private readonly SqliteDatabase _database;

    internal SqliteJournal(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalEntries.Validate(entries);
        return _database.WriteAsync((connection, transaction) =>
        {
            using (var deleted = connection.CreateCommand())
            {
                deleted.Transaction = transaction;
                deleted.CommandText = "SELECT 1 FROM journal_metadata WHERE persistence_id = $id AND max_deleted_nr >= $nr";
                deleted.Parameters.AddWithValue("$id", entries[0].PersistenceId);
                deleted.Parameters.AddWithValue("$nr", entries[0].SequenceNr);
                if (deleted.ExecuteScalar() is not null)
                {
                    throw new JournalConcurrencyException(entries[0].PersistenceId, entries[0].SequenceNr);
                }
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at) VALUES ($id, $nr, $manifest, $payload, $at)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var nr = command.Parameters.Add("$nr", SqliteType.Integer);
            var manifest = command.Parameters.Add("$manifest", SqliteType.Text);
            var payload = command.Parameters.Add("$payload", SqliteType.Blob);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            foreach (var entry in entries)
            {
                id.Value = entry.PersistenceId;
                nr.Value = entry.SequenceNr;
                manifest.Value = entry.Manifest;
                payload.Value = JournalEntries.ToArray(entry.Payload);
                at.Value = entry.WrittenAt.ToUnixTimeMilliseconds();
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == ConstraintViolation)
                {
                    throw new JournalConcurrencyException(entry.PersistenceId, entry.SequenceNr, ex);
                }
            }

            return entries.Count;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return _database.ReadAsync<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sequence_nr, manifest, payload, written_at FROM journal WHERE persistence_id = $id AND sequence_nr >= $from ORDER BY sequence_nr LIMIT $max";
            command.Parameters.AddWithValue("$id", persistenceId);
            command.Parameters.AddWithValue("$from", fromSequenceNr);
            command.Parameters.AddWithValue("$max", maxCount);
            using var reader = command.ExecuteReader();
            var entries = new List<JournalEntry>();
            while (reader.Read())
            {
                entries.Add(new JournalEntry(persistenceId, reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }

            return entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT MAX(COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $id), 0),
                           COALESCE((SELECT max_deleted_nr FROM journal_metadata WHERE persistence_id = $id), 0))
                """;
            command.Parameters.AddWithValue("$id", persistenceId);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO journal_metadata (persistence_id, max_deleted_nr)
                SELECT $id, MAX(sequence_nr) FROM journal WHERE persistence_id = $id AND sequence_nr <= $to HAVING MAX(sequence_nr) IS NOT NULL
                ON CONFLICT (persistence_id) DO UPDATE SET max_deleted_nr = MAX(max_deleted_nr, excluded.max_deleted_nr);
                DELETE FROM journal WHERE persistence_id = $id AND sequence_nr <= $to;
                """;
            command.Parameters.AddWithValue("$id", persistenceId);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }
}
