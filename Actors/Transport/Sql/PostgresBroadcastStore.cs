using Microsoft.Extensions.Logging;
using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The broadcast log in PostgreSQL. A bigserial id is taken at insert, not at commit, so two concurrent
/// publishes could commit out of id order and a subscriber that already read the higher id would skip the
/// lower one: publishes to one channel therefore take a transaction advisory lock on the channel before the
/// insert (two-key form: its own lock space, apart from the single-key consumer leases). After the commit
/// <see cref="PostgresNotifier"/> sends the NOTIFY that wakes the subscribers of every node.
/// </summary>
internal sealed class PostgresBroadcastStore(PostgresDatabase database, PostgresNotifier notifier, ILogger logger) : ISqlBroadcastStore
{
    /// <summary>The first key of the channel locks ("QABC").</summary>
    private const int LockClass = 0x51414243;

    public async Task<long> LastIdAsync(string channel, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT COALESCE(MAX(id), 0) FROM broadcast_messages WHERE channel = @channel", connection);
            command.Parameters.AddWithValue("channel", channel);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task PublishAsync(string channel, ReadOnlyMemory<byte> payload, long publishedAtMillis, long? pruneBeforeMillis, CancellationToken cancellationToken)
    {
        // Relaxed commit: a broadcast is not work; it is visible to every node as soon as it commits.
        var connection = await database.OpenRelaxedConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = new NpgsqlCommand(
                    """
                    SELECT pg_advisory_xact_lock(@class, hashtext(@channel));
                    INSERT INTO broadcast_messages (channel, payload, published_at) VALUES (@channel, @payload, @at);
                    """,
                    connection,
                    transaction);
                command.Parameters.AddWithValue("class", LockClass);
                command.Parameters.AddWithValue("channel", channel);
                command.Parameters.AddWithValue("payload", payload.ToArray());
                command.Parameters.AddWithValue("at", publishedAtMillis);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            notifier.Notify(SqlTransport.BroadcastSignal(channel));
            if (pruneBeforeMillis is { } before)
            {
                await PruneAsync(connection, before).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<SqlBroadcastMessage>> ReadAsync(string channel, long afterId, int max, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT id, payload FROM broadcast_messages WHERE channel = @channel AND id > @after ORDER BY id LIMIT @max", connection);
            command.Parameters.AddWithValue("channel", channel);
            command.Parameters.AddWithValue("after", afterId);
            command.Parameters.AddWithValue("max", max);
            var messages = new List<SqlBroadcastMessage>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    messages.Add(new SqlBroadcastMessage(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
                }
            }

            return messages;
        }
    }

    /// <summary>Deletes old rows after the publish committed; a failure (say, two nodes pruning at once) is only logged.</summary>
    private async Task PruneAsync(NpgsqlConnection connection, long before)
    {
        try
        {
            using var command = new NpgsqlCommand("DELETE FROM broadcast_messages WHERE published_at < @before", connection);
            command.Parameters.AddWithValue("before", before);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            BroadcastLog.PruneFailed(logger, ex);
        }
    }
}
