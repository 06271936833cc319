using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// Publishes inside the application's own database transaction: <see cref="EnqueueAsync{T}"/> writes the event as a
/// row of the outbox table through the application's <see cref="DbTransaction"/> (Npgsql or Microsoft.Data.Sqlite),
/// so the event exists if and only if that transaction commits; the node's relay (<see cref="OutboxRelay"/>) then
/// publishes the committed rows with confirms and deletes them. On PostgreSQL the insert also sends a NOTIFY in the
/// same transaction, which PostgreSQL delivers only on commit: it wakes the relays at once.
/// </summary>
/// <param name="table">The outbox table (the relay's <c>queueactors.outbox.table</c>).</param>
/// <param name="timeProvider">The clock of the envelope's enqueue time.</param>
public sealed class OutboxWriter(string table = OutboxTable.DefaultName, TimeProvider? timeProvider = null)
{
    private readonly string _table = OutboxTable.Validate(table);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The outbox table rows go to.</summary>
    public string Table => _table;

    /// <summary>
    /// Writes one event for <paramref name="site"/> on the logical <paramref name="queue"/> into the outbox, inside
    /// <paramref name="transaction"/>; returns its message id (the id the handler sees). Nothing reaches the broker
    /// before the transaction commits; a rollback drops the event.
    /// </summary>
    /// <exception cref="ArgumentException">The site or queue name is not valid.</exception>
    /// <exception cref="NotSupportedException">The transaction is neither Npgsql's nor Microsoft.Data.Sqlite's.</exception>
    public async Task<string> EnqueueAsync<T>(DbTransaction transaction, string site, string queue, T payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        QueueNames.ValidateSite(site);
        QueueNames.ValidateQueue(queue);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection (it was committed or rolled back).", nameof(transaction));
        var row = new
        {
            id = Guid.NewGuid().ToString("N"),
            site,
            queue,
            contentType = EventJson.ContentType,
            payload = JsonSerializer.SerializeToUtf8Bytes(payload, EventJson.Options),
            createdAt = _time.GetUtcNow().UtcTicks,
        };
        var insert = $"INSERT INTO {_table} (id, site, queue, content_type, payload, created_at) VALUES (@id, @site, @queue, @contentType, @payload, @createdAt)";
        var sql = connection switch
        {
            NpgsqlConnection => $"{insert}; SELECT pg_notify('{_table}', '')", // the channel is the table name: one outbox, one channel
            SqliteConnection => insert,
            _ => throw new NotSupportedException($"The outbox works on Npgsql and Microsoft.Data.Sqlite transactions, not on {connection.GetType().Name}."),
        };
        await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.id;
    }
}
