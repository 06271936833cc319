using Npgsql;
using NpgsqlTypes;

namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>The event journal in the <c>journal</c> table of a <see cref="PostgresDatabase"/>.</summary>
public sealed class PostgresJournal : IEventJournal
{
    private const string UniqueViolation = "23505";
    private readonly PostgresDatabase _database;

    internal PostgresJournal(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalEntries.Validate(entries);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement for the whole append: atomic without an explicit transaction.
            using var command = new NpgsqlCommand(
                """
                INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at)
                SELECT @id, * FROM unnest(@nrs, @manifests, @payloads, @ats)
                WHERE NOT EXISTS (SELECT 1 FROM journal_metadata WHERE persistence_id = @id AND max_deleted_nr >= @first)
                """,
                connection);
            command.Parameters.AddWithValue("first", entries[0].SequenceNr);
            command.Parameters.AddWithValue("id", entries[0].PersistenceId);
            command.Parameters.AddWithValue("nrs", entries.Select(e => e.SequenceNr).ToArray());
            command.Parameters.AddWithValue("manifests", entries.Select(e => e.Manifest).ToArray());
            command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => JournalEntries.ToArray(e.Payload)).ToArray() });
            command.Parameters.AddWithValue("ats", entries.Select(e => e.WrittenAt.ToUniversalTime()).ToArray());
            int written;
            try
            {
                written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                throw new JournalConcurrencyException(entries[0].PersistenceId, entries[0].SequenceNr, ex);
            }

            if (written == 0)
            {
                throw new JournalConcurrencyException(entries[0].PersistenceId, entries[0].SequenceNr); // a deleted number
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT sequence_nr, manifest, payload, written_at FROM journal WHERE persistence_id = @id AND sequence_nr >= @from ORDER BY sequence_nr LIMIT @max",
                connection);
            command.Parameters.AddWithValue("id", persistenceId);
            command.Parameters.AddWithValue("from", fromSequenceNr);
            command.Parameters.AddWithValue("max", maxCount);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var entries = new List<JournalEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new JournalEntry(persistenceId, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3)));
                }

                return entries;
            }
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                SELECT GREATEST(COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = @id), 0),
                                COALESCE((SELECT max_deleted_nr FROM journal_metadata WHERE persistence_id = @id), 0))
                """,
                connection);
            command.Parameters.AddWithValue("id", persistenceId);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement: the kept number and the deletion commit together.
            using var command = new NpgsqlCommand(
                """
                WITH gone AS (DELETE FROM journal WHERE persistence_id = @id AND sequence_nr <= @to RETURNING sequence_nr)
                INSERT INTO journal_metadata (persistence_id, max_deleted_nr)
                SELECT @id, MAX(sequence_nr) FROM gone HAVING MAX(sequence_nr) IS NOT NULL
                ON CONFLICT (persistence_id) DO UPDATE SET max_deleted_nr = GREATEST(journal_metadata.max_deleted_nr, excluded.max_deleted_nr)
                """,
                connection);
            command.Parameters.AddWithValue("id", persistenceId);
            command.Parameters.AddWithValue("to", toSequenceNr);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
