using Microsoft.Data.Sqlite;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The queue tables in the embedded SQLite database. Every change goes through the database's group-commit
/// writer; after a commit that made messages ready, the consumers of that queue in this process are woken
/// through <see cref="SqlQueueSignals"/>, and those of other processes on the same file through
/// <see cref="SqliteWakeFiles"/> (no polling: SQLite has no NOTIFY).
/// Publishes and declarations are durable commits; a consumer's writes (claims, acks, returns) are relaxed:
/// losing one in a power cut only delivers a message again, never loses it.
/// </summary>
internal sealed partial class SqliteQueueStore(SqliteDatabase database, SqlQueueSignals signals, SqliteWakeFiles wakeFiles) : ISqlQueueStore
{
    public Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (spec.DeadLetterQueue is { } dlq)
            {
                DeclareOne(connection, transaction, new QueueSpec(dlq, spec.Durable));
            }

            DeclareOne(connection, transaction, spec);
            return 0;
        }, cancellationToken);

    public async Task<bool> InsertAsync(string queue, Envelope envelope, long availableAtMillis, CancellationToken cancellationToken)
    {
        var inserted = await database.WriteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                INSERT INTO queue_messages (queue, site, payload, headers, available_at, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at)
                SELECT $queue, $site, $payload, $headers, $at, $mid, $lq, $ea, $enq, $ct, $ff WHERE EXISTS (SELECT 1 FROM queues WHERE name = $queue)
                """);
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$site", envelope.Site);
            command.Parameters.AddWithValue("$payload", envelope.Body.ToArray());
            command.Parameters.AddWithValue("$headers", (object?)SqlRows.HeadersToJson(envelope.Headers) ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", availableAtMillis);
            command.Parameters.AddWithValue("$mid", envelope.MessageId);
            command.Parameters.AddWithValue("$lq", envelope.Queue);
            command.Parameters.AddWithValue("$ea", envelope.Attempts);
            command.Parameters.AddWithValue("$enq", envelope.EnqueuedAt.UtcTicks);
            command.Parameters.AddWithValue("$ct", envelope.ContentType);
            command.Parameters.AddWithValue("$ff", (object?)envelope.FirstFailedAt?.UtcTicks ?? DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken).ConfigureAwait(false);
        if (inserted)
        {
            Signal(queue);
        }

        return inserted;
    }

    public async Task<IReadOnlyList<SqlMessage>> ClaimAsync(QueueSpec spec, string consumer, int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var deadLettered = false;
        var claimed = await database.WriteRelaxedAsync<IReadOnlyList<SqlMessage>>((connection, transaction) =>
        {
            var messages = new List<SqlMessage>();
            using (var command = Command(connection, transaction, $"""
                UPDATE queue_messages SET claimed_by = $consumer, claimed_until = $until, attempts = attempts + 1
                WHERE id IN (SELECT id FROM queue_messages WHERE queue = $queue AND available_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now) ORDER BY id LIMIT $max)
                RETURNING {SqlRows.MessageColumns}
                """))
            {
                command.Parameters.AddWithValue("$consumer", consumer);
                command.Parameters.AddWithValue("$until", SqlRows.ToMillis(until));
                command.Parameters.AddWithValue("$queue", spec.BrokerQueue);
                command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
                command.Parameters.AddWithValue("$max", max);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    messages.Add(SqlRows.ReadMessage(reader, consumer));
                }
            }

            messages.Sort(static (a, b) => a.Claim.Id.CompareTo(b.Claim.Id));
            foreach (var message in messages.Where(m => SqlRows.OverLimit(spec, m.Claim.Attempts - 1)).ToList())
            {
                DeadLetter(connection, transaction, spec, message.Claim, now);
                messages.Remove(message);
                deadLettered = true;
            }

            return messages;
        }, cancellationToken).ConfigureAwait(false);
        SignalDeadLetters(spec, deadLettered);
        return claimed;
    }

    public Task AckAsync(SqlClaim claim, CancellationToken cancellationToken) =>
        database.WriteRelaxedAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "DELETE FROM queue_messages WHERE id = $id AND claimed_by = $consumer AND attempts = $attempts");
            AddClaim(command, claim);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public async Task ReturnAsync(QueueSpec spec, IReadOnlyList<SqlClaim> claims, bool counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deadLettered = false;
        await database.WriteRelaxedAsync((connection, transaction) =>
        {
            foreach (var claim in claims)
            {
                if (counted && SqlRows.OverLimit(spec, claim.Attempts))
                {
                    deadLettered |= DeadLetter(connection, transaction, spec, claim, now);
                    continue;
                }

                using var command = Command(connection, transaction, """
                    UPDATE queue_messages SET claimed_by = NULL, claimed_until = NULL, available_at = $now, attempts = attempts - $undo
                    WHERE id = $id AND claimed_by = $consumer AND attempts = $attempts
                    """);
                AddClaim(command, claim);
                command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
                command.Parameters.AddWithValue("$undo", counted ? 0 : 1);
                command.ExecuteNonQuery();
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        Signal(spec.BrokerQueue);
        SignalDeadLetters(spec, deadLettered);
    }

    public async Task DeadLetterAsync(QueueSpec spec, SqlClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = await database.WriteRelaxedAsync((connection, transaction) => DeadLetter(connection, transaction, spec, claim, now), cancellationToken).ConfigureAwait(false);
        SignalDeadLetters(spec, moved);
    }

    public async Task<int> ReleaseClaimsOfAsync(string instance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queues = await database.WriteAsync<List<string>>((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                UPDATE queue_messages SET claimed_until = $now
                WHERE claimed_until > $now AND substr(claimed_by, 1, length($prefix)) = $prefix
                RETURNING queue
                """);
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("$prefix", instance + "/");
            return Strings(command);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var queue in queues.Distinct(StringComparer.Ordinal))
        {
            Signal(queue);
        }

        return queues.Count;
    }

    public async Task<IReadOnlyList<string>> ClaimingInstancesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = Command(connection, null, "SELECT DISTINCT substr(claimed_by, 1, instr(claimed_by, '/') - 1) FROM queue_messages WHERE claimed_until > $now AND instr(claimed_by, '/') > 0");
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            return Strings(command);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The first column of every row of <paramref name="command"/>.</summary>
    private static List<string> Strings(SqliteCommand command)
    {
        var strings = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            strings.Add(reader.GetString(0));
        }

        return strings;
    }

    /// <summary>Wakes the queue's consumers here and, through the wake files, every other process's.</summary>
    private void Signal(string queue)
    {
        signals.Signal(queue);
        wakeFiles.Poke();
    }

    private void SignalDeadLetters(QueueSpec spec, bool deadLettered)
    {
        if (deadLettered && spec.DeadLetterQueue is { } dlq)
        {
            Signal(dlq);
        }
    }

    /// <summary>Moves the claimed row to the dead-letter queue (a fresh message there), or drops it; true if a row moved.</summary>
    private static bool DeadLetter(SqliteConnection connection, SqliteTransaction transaction, QueueSpec spec, SqlClaim claim, DateTimeOffset now)
    {
        if (spec.DeadLetterQueue is { } dlq)
        {
            using var copy = Command(connection, transaction, """
                INSERT INTO queue_messages (queue, site, payload, headers, available_at, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at)
                SELECT $dlq, site, payload, headers, $now, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at
                FROM queue_messages WHERE id = $id AND claimed_by = $consumer AND attempts = $attempts
                """);
            AddClaim(copy, claim);
            copy.Parameters.AddWithValue("$dlq", dlq);
            copy.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            copy.ExecuteNonQuery();
        }

        using var delete = Command(connection, transaction, "DELETE FROM queue_messages WHERE id = $id AND claimed_by = $consumer AND attempts = $attempts");
        AddClaim(delete, claim);
        return delete.ExecuteNonQuery() == 1 && spec.DeadLetterQueue is not null;
    }

    private static void DeclareOne(SqliteConnection connection, SqliteTransaction transaction, QueueSpec spec)
    {
        using var find = Command(connection, transaction, "SELECT durable, single_active_consumer, delivery_limit, dead_letter_queue FROM queues WHERE name = $name");
        find.Parameters.AddWithValue("$name", spec.BrokerQueue);
        using (var reader = find.ExecuteReader())
        {
            if (reader.Read())
            {
                var existing = SqlRows.SpecOf(spec.BrokerQueue, reader.GetBoolean(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                if (existing != spec)
                {
                    throw SqlQueueErrors.SpecMismatch(existing, spec);
                }

                return;
            }
        }

        using var insert = Command(connection, transaction, "INSERT INTO queues (name, durable, single_active_consumer, delivery_limit, dead_letter_queue) VALUES ($name, $durable, $sac, $limit, $dlq)");
        insert.Parameters.AddWithValue("$name", spec.BrokerQueue);
        insert.Parameters.AddWithValue("$durable", spec.Durable);
        insert.Parameters.AddWithValue("$sac", spec.SingleActiveConsumer);
        insert.Parameters.AddWithValue("$limit", (object?)spec.DeliveryLimit ?? DBNull.Value);
        insert.Parameters.AddWithValue("$dlq", (object?)spec.DeadLetterQueue ?? DBNull.Value);
        insert.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void AddClaim(SqliteCommand command, SqlClaim claim)
    {
        command.Parameters.AddWithValue("$id", claim.Id);
        command.Parameters.AddWithValue("$consumer", claim.Consumer);
        command.Parameters.AddWithValue("$attempts", claim.Attempts);
    }
}
