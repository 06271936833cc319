using Npgsql;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The queue tables in PostgreSQL. Claims take rows with FOR UPDATE SKIP LOCKED, so concurrent consumers
/// of any node never get the same row; after every change that makes rows ready, <see cref="PostgresNotifier"/>
/// sends NOTIFY on <see cref="Channel"/> with the queue name, which wakes the consumers of every node.
/// Publishes and declarations commit durably; a consumer's writes (claims, acks, returns) use
/// synchronous_commit=off: losing one in a server crash only delivers a message again, never loses it.
/// </summary>
internal sealed partial class PostgresQueueStore(PostgresDatabase database, PostgresNotifier notifier, PostgresAckBatcher acks) : ISqlQueueStore
{
    public const string Channel = "qa_queue_messages";

    private static readonly string ClaimedColumns = string.Join(", ", SqlRows.MessageColumns.Split(", ").Select(c => "m." + c));

    public async Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (spec.DeadLetterQueue is { } dlq)
            {
                await DeclareOneAsync(connection, new QueueSpec(dlq, spec.Durable), cancellationToken).ConfigureAwait(false);
            }

            await DeclareOneAsync(connection, spec, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> InsertAsync(string queue, Envelope envelope, long availableAtMillis, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO queue_messages (queue, site, payload, headers, available_at, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at)
                SELECT @queue, @site, @payload, @headers, @at, @mid, @lq, @ea, @enq, @ct, @ff WHERE EXISTS (SELECT 1 FROM queues WHERE name = @queue)
                """,
                connection);
            command.Parameters.AddWithValue("queue", queue);
            command.Parameters.AddWithValue("site", envelope.Site);
            command.Parameters.AddWithValue("payload", envelope.Body.ToArray());
            command.Parameters.AddWithValue("headers", NpgsqlTypes.NpgsqlDbType.Text, (object?)SqlRows.HeadersToJson(envelope.Headers) ?? DBNull.Value);
            command.Parameters.AddWithValue("at", availableAtMillis);
            command.Parameters.AddWithValue("mid", envelope.MessageId);
            command.Parameters.AddWithValue("lq", envelope.Queue);
            command.Parameters.AddWithValue("ea", envelope.Attempts);
            command.Parameters.AddWithValue("enq", envelope.EnqueuedAt.UtcTicks);
            command.Parameters.AddWithValue("ct", envelope.ContentType);
            command.Parameters.AddWithValue("ff", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)envelope.FirstFailedAt?.UtcTicks ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }

            notifier.Notify(queue);
            return true;
        }
    }

    public async Task<IReadOnlyList<SqlMessage>> ClaimAsync(QueueSpec spec, string consumer, int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var messages = new List<SqlMessage>();
            using (var command = new NpgsqlCommand(
                $"""
                UPDATE queue_messages m SET claimed_by = @consumer, claimed_until = @until, attempts = m.attempts + 1
                FROM (SELECT id FROM queue_messages WHERE queue = @queue AND available_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                      ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED) picked
                WHERE m.id = picked.id
                RETURNING {ClaimedColumns}
                """,
                connection))
            {
                command.Parameters.AddWithValue("consumer", consumer);
                command.Parameters.AddWithValue("until", SqlRows.ToMillis(until));
                command.Parameters.AddWithValue("queue", spec.BrokerQueue);
                command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
                command.Parameters.AddWithValue("max", max);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        messages.Add(SqlRows.ReadMessage(reader, consumer));
                    }
                }
            }

            messages.Sort(static (a, b) => a.Claim.Id.CompareTo(b.Claim.Id));
            foreach (var message in messages.Where(m => SqlRows.OverLimit(spec, m.Claim.Attempts - 1)).ToList())
            {
                // The claim is this consumer's: dead-lettering it after the claim's own commit is safe.
                await DeadLetterAsync(connection, spec, message.Claim, now, cancellationToken).ConfigureAwait(false);
                if (spec.DeadLetterQueue is { } dlq)
                {
                    notifier.Notify(dlq);
                }

                messages.Remove(message);
            }

            return messages;
        }
    }

    public Task AckAsync(SqlClaim claim, CancellationToken cancellationToken) => acks.AckAsync(claim);

    public async Task ReturnAsync(QueueSpec spec, IReadOnlyList<SqlClaim> claims, bool counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var claim in claims)
            {
                if (counted && SqlRows.OverLimit(spec, claim.Attempts))
                {
                    await DeadLetterAsync(connection, spec, claim, now, cancellationToken).ConfigureAwait(false);
                    if (spec.DeadLetterQueue is { } dlq)
                    {
                        notifier.Notify(dlq);
                    }

                    continue;
                }

                using var command = new NpgsqlCommand(
                    """
                    UPDATE queue_messages SET claimed_by = NULL, claimed_until = NULL, available_at = @now, attempts = attempts - @undo
                    WHERE id = @id AND claimed_by = @consumer AND attempts = @attempts
                    """,
                    connection);
                AddClaim(command, claim);
                command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
                command.Parameters.AddWithValue("undo", counted ? 0 : 1);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            notifier.Notify(spec.BrokerQueue);
        }
    }

    public async Task DeadLetterAsync(QueueSpec spec, SqlClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await DeadLetterAsync(connection, spec, claim, now, cancellationToken).ConfigureAwait(false);
        }

        if (spec.DeadLetterQueue is { } dlq)
        {
            notifier.Notify(dlq);
        }
    }

    /// <summary>Moves the claimed row to the dead-letter queue (a fresh message there) in one statement, or drops it.</summary>
    private static async Task DeadLetterAsync(NpgsqlConnection connection, QueueSpec spec, SqlClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Delete = "DELETE FROM queue_messages WHERE id = @id AND claimed_by = @consumer AND attempts = @attempts";
        using var command = new NpgsqlCommand(
            spec.DeadLetterQueue is null
                ? Delete
                : $"""
                  WITH moved AS ({Delete} RETURNING *)
                  INSERT INTO queue_messages (queue, site, payload, headers, available_at, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at)
                  SELECT @dlq, site, payload, headers, @now, message_id, logical_queue, envelope_attempts, enqueued_at, content_type, first_failed_at FROM moved
                  """,
            connection);
        AddClaim(command, claim);
        if (spec.DeadLetterQueue is { } dlq)
        {
            command.Parameters.AddWithValue("dlq", dlq);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeclareOneAsync(NpgsqlConnection connection, QueueSpec spec, CancellationToken cancellationToken)
    {
        using (var insert = new NpgsqlCommand(
            "INSERT INTO queues (name, durable, single_active_consumer, delivery_limit, dead_letter_queue) VALUES (@name, @durable, @sac, @limit, @dlq) ON CONFLICT (name) DO NOTHING",
            connection))
        {
            insert.Parameters.AddWithValue("name", spec.BrokerQueue);
            insert.Parameters.AddWithValue("durable", spec.Durable);
            insert.Parameters.AddWithValue("sac", spec.SingleActiveConsumer);
            insert.Parameters.AddWithValue("limit", NpgsqlTypes.NpgsqlDbType.Integer, (object?)spec.DeliveryLimit ?? DBNull.Value);
            insert.Parameters.AddWithValue("dlq", NpgsqlTypes.NpgsqlDbType.Text, (object?)spec.DeadLetterQueue ?? DBNull.Value);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return;
            }
        }

        using var find = new NpgsqlCommand("SELECT durable, single_active_consumer, delivery_limit, dead_letter_queue FROM queues WHERE name = @name", connection);
        find.Parameters.AddWithValue("name", spec.BrokerQueue);
        var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var existing = SqlRows.SpecOf(spec.BrokerQueue, reader.GetBoolean(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            if (existing != spec)
            {
                throw SqlQueueErrors.SpecMismatch(existing, spec);
            }
        }
    }

    private static void AddClaim(NpgsqlCommand command, SqlClaim claim)
    {
        command.Parameters.AddWithValue("id", claim.Id);
        command.Parameters.AddWithValue("consumer", claim.Consumer);
        command.Parameters.AddWithValue("attempts", claim.Attempts);
    }
}
