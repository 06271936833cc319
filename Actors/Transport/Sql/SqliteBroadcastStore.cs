using Microsoft.Data.Sqlite;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The broadcast log in the embedded SQLite database. Writes go through the database's single writer (one
/// process's commits are in id order; SQLite's file lock orders those of several processes), relaxed: a
/// broadcast is not work, and a power cut may lose the last ones. After the commit the subscribers of this
/// process are woken by <see cref="SqlQueueSignals"/>, those of other processes by <see cref="SqliteWakeFiles"/>.
/// </summary>
internal sealed class SqliteBroadcastStore(SqliteDatabase database, SqlQueueSignals signals, SqliteWakeFiles wakeFiles) : ISqlBroadcastStore
{
    public Task<long> LastIdAsync(string channel, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM broadcast_messages WHERE channel = $channel";
            command.Parameters.AddWithValue("$channel", channel);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    public async Task PublishAsync(string channel, ReadOnlyMemory<byte> payload, long publishedAtMillis, long? pruneBeforeMillis, CancellationToken cancellationToken)
    {
        var bytes = payload.ToArray();
        await database.WriteRelaxedAsync((connection, transaction) =>
        {
            if (pruneBeforeMillis is { } before)
            {
                using var prune = Command(connection, transaction, "DELETE FROM broadcast_messages WHERE published_at < $before");
                prune.Parameters.AddWithValue("$before", before);
                prune.ExecuteNonQuery();
            }

            using var insert = Command(connection, transaction, "INSERT INTO broadcast_messages (channel, payload, published_at) VALUES ($channel, $payload, $at)");
            insert.Parameters.AddWithValue("$channel", channel);
            insert.Parameters.AddWithValue("$payload", bytes);
            insert.Parameters.AddWithValue("$at", publishedAtMillis);
            return insert.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        signals.Signal(SqlTransport.BroadcastSignal(channel));
        wakeFiles.Poke();
    }

    public Task<IReadOnlyList<SqlBroadcastMessage>> ReadAsync(string channel, long afterId, int max, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SqlBroadcastMessage>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, payload FROM broadcast_messages WHERE channel = $channel AND id > $after ORDER BY id LIMIT $max";
            command.Parameters.AddWithValue("$channel", channel);
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var messages = new List<SqlBroadcastMessage>();
            while (reader.Read())
            {
                messages.Add(new SqlBroadcastMessage(reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }

            return messages;
        }, cancellationToken);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
