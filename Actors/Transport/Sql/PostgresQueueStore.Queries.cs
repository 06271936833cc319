using Npgsql;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>Timers, purge, status and the consumer registry.</summary>
internal sealed partial class PostgresQueueStore
{
    private const string ReadyAt = "GREATEST(available_at, COALESCE(claimed_until, available_at))";

    public async Task<DateTimeOffset?> NextDueAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await ScalarAsync($"SELECT MIN({ReadyAt}) FROM queue_messages WHERE queue = @queue AND {ReadyAt} > @now", queue, now, null, cancellationToken).ConfigureAwait(false);
        return result is long millis ? SqlRows.FromMillis(millis) : null;
    }

    public async Task<long?> PurgeAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await ScalarAsync(
            """
            WITH deleted AS (DELETE FROM queue_messages WHERE queue = @queue AND available_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now) RETURNING 1)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM queues WHERE name = @queue) THEN (SELECT COUNT(*) FROM deleted) END
            """,
            queue,
            now,
            null,
            cancellationToken).ConfigureAwait(false);
        return result as long?;
    }

    public async Task<QueueStatus?> StatusAsync(string queue, DateTimeOffset now, DateTimeOffset aliveSince, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                SELECT (SELECT COUNT(*) FROM queue_messages WHERE queue = @queue AND available_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)),
                       (SELECT COUNT(*) FROM queue_consumers WHERE queue = @queue AND seen_at >= @alive),
                       (SELECT COUNT(*) FROM queue_messages WHERE queue = @queue AND envelope_attempts > 0 AND available_at > @now AND claimed_by IS NULL)
                FROM queues WHERE name = @queue
                """,
                connection);
            command.Parameters.AddWithValue("queue", queue);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("alive", SqlRows.ToMillis(aliveSince));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new QueueStatus(queue, reader.GetInt64(0), (int)reader.GetInt64(1)) { RetriesWaiting = reader.GetInt64(2) }
                    : null;
            }
        }
    }

    public async Task TouchConsumerAsync(string consumer, string queue, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO queue_consumers (id, queue, seen_at) VALUES (@id, @queue, @now) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at;
                DELETE FROM queue_consumers WHERE queue = @queue AND seen_at < @forget;
                """,
                connection);
            command.Parameters.AddWithValue("id", consumer);
            command.Parameters.AddWithValue("queue", queue);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("forget", SqlRows.NowMillis(forgetBefore));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveConsumerAsync(string consumer, CancellationToken cancellationToken) =>
        await ScalarAsync("DELETE FROM queue_consumers WHERE id = @id", string.Empty, default, consumer, cancellationToken).ConfigureAwait(false);

    private async Task<object?> ScalarAsync(string sql, string queue, DateTimeOffset now, string? consumer, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("queue", queue);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("id", NpgsqlTypes.NpgsqlDbType.Text, (object?)consumer ?? DBNull.Value);
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result is DBNull ? null : result;
        }
    }

    public async Task<int> ReleaseClaimsOfAsync(string instance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<string> queues;
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "UPDATE queue_messages SET claimed_until = @now WHERE claimed_until > @now AND left(claimed_by, length(@prefix)) = @prefix RETURNING queue",
                connection);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("prefix", instance + "/");
            queues = await StringsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in queues.Distinct(StringComparer.Ordinal))
        {
            notifier.Notify(queue);
        }

        return queues.Count;
    }

    public async Task<IReadOnlyList<string>> ClaimingInstancesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT DISTINCT split_part(claimed_by, '/', 1) FROM queue_messages WHERE claimed_until > @now AND strpos(claimed_by, '/') > 0",
                connection);
            command.Parameters.AddWithValue("now", SqlRows.NowMillis(now));
            return await StringsAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first column of every row of <paramref name="command"/>.</summary>
    private static async Task<List<string>> StringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var strings = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            strings.Add(reader.GetString(0));
        }

        return strings;
    }

    public Task<IAsyncDisposable?> TryTakeActiveLeaseAsync(string queue, CancellationToken cancellationToken) =>
        PostgresActiveLease.TryTakeAsync(database, notifier, queue, cancellationToken);
}
