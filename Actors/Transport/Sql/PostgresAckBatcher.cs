using System.Threading.Channels;
using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Acks to PostgreSQL in batches: the acks that arrive while one DELETE is on its way go together in the
/// next, one statement and one round trip for many deliveries (what group commit does for SQLite). An
/// ack's task completes when its batch committed; a failed batch fails all its acks.
/// </summary>
internal sealed class PostgresAckBatcher : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly PostgresDatabase _database;
    private readonly Channel<(SqlClaim Claim, TaskCompletionSource Done)> _acks =
        Channel.CreateUnbounded<(SqlClaim, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _loop;

    public PostgresAckBatcher(PostgresDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    public Task AckAsync(SqlClaim claim)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_acks.Writer.TryWrite((claim, done)))
        {
            throw new ObjectDisposedException(nameof(PostgresAckBatcher));
        }

        return done.Task;
    }

    /// <summary>Sends the acks queued so far, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _acks.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<(SqlClaim Claim, TaskCompletionSource Done)>(MaxBatch);
        while (await _acks.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _acks.Reader.TryRead(out var ack))
            {
                batch.Add(ack);
            }

            try
            {
                var connection = await _database.OpenRelaxedConnectionAsync().ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var command = new NpgsqlCommand(
                        """
                        DELETE FROM queue_messages m USING unnest(@ids, @consumers, @attempts) AS a(id, consumer, attempts)
                        WHERE m.id = a.id AND m.claimed_by = a.consumer AND m.attempts = a.attempts
                        """,
                        connection);
                    command.Parameters.AddWithValue("ids", batch.Select(a => a.Claim.Id).ToArray());
                    command.Parameters.AddWithValue("consumers", batch.Select(a => a.Claim.Consumer).ToArray());
                    command.Parameters.AddWithValue("attempts", batch.Select(a => a.Claim.Attempts).ToArray());
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }
}
