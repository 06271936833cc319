using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// The outbox on a SQLite file. SQLite has no row locks, and holding its one write lock while talking to the broker
/// would stall the application's own writes, so a claim is a short write that stamps <c>claimed_until</c> on its
/// rows: other relays (other processes on the same file) skip them until then. Completing deletes the published
/// rows and clears the stamp of the others; a killed relay's rows are claimed again once the stamp has passed
/// (<see cref="OutboxSettings.ClaimTimeout"/>). Nothing wakes the relay: it polls every
/// <see cref="OutboxSettings.PollInterval"/>, which is the latency an idle outbox adds on SQLite.
/// </summary>
internal sealed class SqliteOutboxStore(string connectionString, string table, TimeSpan claimTimeout, TimeProvider time) : IOutboxStore
{
    public async Task<IRelayClaim> ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                $"""
                UPDATE {table} SET claimed_until = @until
                WHERE seq IN (SELECT seq FROM {table} WHERE claimed_until IS NULL OR claimed_until < @now ORDER BY seq LIMIT @batchSize)
                RETURNING {OutboxColumns.Select}
                """,
                new { until = now + (long)claimTimeout.TotalMilliseconds, now, batchSize },
                cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            rows.Sort(static (a, b) => a.Seq.CompareTo(b.Seq)); // RETURNING has no order of its own
            return new Claim(this, [.. rows.Select(static row => row.ToRelayRow())]);
        }
    }

    public Task WaitForRowsAsync(TimeSpan pollInterval, CancellationToken cancellationToken) => Task.Delay(pollInterval, time, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private sealed class Claim(SqliteOutboxStore store, IReadOnlyList<RelayRow> rows) : IRelayClaim
    {
        private bool _settled = rows.Count == 0;

        public IReadOnlyList<RelayRow> Rows => rows;

        public async Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken)
        {
            await SettleAsync(done, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_settled)
            {
                try
                {
                    await SettleAsync([], CancellationToken.None).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // The stamps expire on their own after the claim timeout.
                }
            }
        }

        private async Task SettleAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken)
        {
            var given = rows.Select(r => r.Id).Except(done).ToArray();
            var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (done.Count > 0)
                    {
                        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {store.Table} WHERE seq IN @done", new { done = done.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    }

                    if (given.Length > 0)
                    {
                        await connection.ExecuteAsync(new CommandDefinition($"UPDATE {store.Table} SET claimed_until = NULL WHERE seq IN @given", new { given }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _settled = true;
        }
    }

    private string Table => table;
}
