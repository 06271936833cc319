using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The right to consume a single-active-consumer queue, cluster-wide: a session advisory lock keyed by the
/// queue name, held on a connection of its own. PostgreSQL frees it when the connection ends, so a crashed
/// node's lease passes to another consumer (which tries again at least every reclaim-interval, and at
/// once on a NOTIFY for the queue, which releasing the lease sends).
/// </summary>
internal sealed class PostgresActiveLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly PostgresNotifier _notifier;
    private readonly string _queue;

    private PostgresActiveLease(NpgsqlConnection connection, PostgresNotifier notifier, string queue)
    {
        _connection = connection;
        _notifier = notifier;
        _queue = queue;
    }

    public static async Task<IAsyncDisposable?> TryTakeAsync(PostgresDatabase database, PostgresNotifier notifier, string queue, CancellationToken cancellationToken)
    {
        var connection = database.CreateUnpooledConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
            command.Parameters.AddWithValue("key", "queueactors.active-consumer." + queue);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new PostgresActiveLease(connection, notifier, queue);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Closing the session frees the lock; the standby consumers are told.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _notifier.Notify(_queue);
    }
}
