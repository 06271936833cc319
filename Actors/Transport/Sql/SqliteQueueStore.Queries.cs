namespace QueueActors.Actors.Transport.Sql;

/// <summary>Timers, purge, status and the consumer registry.</summary>
internal sealed partial class SqliteQueueStore
{
    private const string ReadyAt = "(CASE WHEN claimed_until IS NULL OR claimed_until < available_at THEN available_at ELSE claimed_until END)";

    public Task<DateTimeOffset?> NextDueAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MIN({ReadyAt}) FROM queue_messages WHERE queue = $queue AND {ReadyAt} > $now";
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            return command.ExecuteScalar() is long millis ? SqlRows.FromMillis(millis) : (DateTimeOffset?)null;
        }, cancellationToken);

    public Task<long?> PurgeAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteRelaxedAsync((connection, transaction) =>
        {
            if (!Exists(connection, transaction, queue))
            {
                return (long?)null;
            }

            using var command = Command(connection, transaction, "DELETE FROM queue_messages WHERE queue = $queue AND available_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now)");
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<QueueStatus?> StatusAsync(string queue, DateTimeOffset now, DateTimeOffset aliveSince, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            if (!Exists(connection, null, queue))
            {
                return null;
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT COUNT(*) FROM queue_messages WHERE queue = $queue AND available_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now)),
                       (SELECT COUNT(*) FROM queue_consumers WHERE queue = $queue AND seen_at >= $alive),
                       (SELECT COUNT(*) FROM queue_messages WHERE queue = $queue AND envelope_attempts > 0 AND available_at > $now AND claimed_by IS NULL)
                """;
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("$alive", SqlRows.ToMillis(aliveSince));
            using var reader = command.ExecuteReader();
            reader.Read();
            return new QueueStatus(queue, reader.GetInt64(0), reader.GetInt32(1)) { RetriesWaiting = reader.GetInt64(2) };
        }, cancellationToken);

    public Task TouchConsumerAsync(string consumer, string queue, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken cancellationToken) =>
        database.WriteRelaxedAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                INSERT INTO queue_consumers (id, queue, seen_at) VALUES ($id, $queue, $now) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at;
                DELETE FROM queue_consumers WHERE queue = $queue AND seen_at < $forget;
                """);
            command.Parameters.AddWithValue("$id", consumer);
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$now", SqlRows.NowMillis(now));
            command.Parameters.AddWithValue("$forget", SqlRows.NowMillis(forgetBefore));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task RemoveConsumerAsync(string consumer, CancellationToken cancellationToken) =>
        database.WriteRelaxedAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "DELETE FROM queue_consumers WHERE id = $id");
            command.Parameters.AddWithValue("$id", consumer);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static bool Exists(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string queue)
    {
        using var command = Command(connection, transaction, "SELECT 1 FROM queues WHERE name = $queue");
        command.Parameters.AddWithValue("$queue", queue);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>A file lock beside the database: one consumer among all processes on the file (the transport picks one within a process).</summary>
    public Task<IAsyncDisposable?> TryTakeActiveLeaseAsync(string queue, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteActiveLease.TryTake(database.FilePath, queue, wakeFiles));
}
