using Dapper;
using Npgsql;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// The outbox on PostgreSQL. A claim is a transaction that locked its rows with <c>FOR UPDATE SKIP LOCKED</c>: other
/// relays skip them, and when the claiming process dies its session ends, the locks go and the rows are claimed
/// again (published a second time only if they were published before the kill). Woken by the NOTIFY that
/// <see cref="OutboxWriter"/> sends inside the enqueuing transaction, delivered only when it commits.
/// </summary>
internal sealed class PostgresOutboxStore(NpgsqlDataSource dataSource, string connectionString, string table) : IOutboxStore
{
    private NpgsqlConnection? _listener;

    public async Task<IRelayClaim> ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                $"SELECT {OutboxColumns.Select} FROM {table} ORDER BY seq LIMIT @batchSize FOR UPDATE SKIP LOCKED",
                new { batchSize },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(static row => row.ToRelayRow()).ToList();
            return new Claim(connection, transaction, rows, table);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WaitForRowsAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        try
        {
            if (_listener is null)
            {
                // Outside the pool: LISTEN belongs to this session, held for as long as the relay runs.
                var listener = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await listener.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {table}", listener))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                _listener = listener;
                return; // rows committed before LISTEN sent no notification this session hears: look once more
            }

            await _listener.WaitAsync(pollInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or InvalidOperationException)
        {
            // The listening session broke: poll this once, listen again next time.
            await DropListenerAsync().ConfigureAwait(false);
            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => DropListenerAsync();

    private async ValueTask DropListenerAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Claim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RelayRow> rows, string table) : IRelayClaim
    {
        public IReadOnlyList<RelayRow> Rows => rows;

        public async Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken)
        {
            if (done.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE seq = ANY(@done)", new { done = done.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false); // the rows not done are unlocked for the next claim
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync().ConfigureAwait(false); // rolls back when not committed: every row is given back
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
