using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Partitions;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// Publishes inside the application's own database transaction: <see cref="EnqueueAsync{T}(DbTransaction, string, string, T, CancellationToken)"/>
/// writes the event as a row of the outbox table through the application's <see cref="DbTransaction"/> (Npgsql or
/// Microsoft.Data.Sqlite), so the event exists if and only if that transaction commits; the node's relay
/// (<see cref="OutboxRelay"/>) then publishes the committed rows with confirms and deletes them. On PostgreSQL the
/// insert also sends a NOTIFY in the same transaction, which PostgreSQL delivers only on commit: it wakes the relays at once.
/// </summary>
/// <param name="table">The outbox table (the relay's <c>queueactors.outbox.table</c>).</param>
/// <param name="timeProvider">The clock of the envelope's enqueue time.</param>
/// <param name="topology">
/// The cluster's topology (the nodes' <c>queueactors.messaging</c>): with it an event for a partitioned queue without
/// a key is refused at enqueue, as <see cref="IEventPublisher"/> refuses it; without it such a row goes to dead
/// letters when relayed.
/// </param>
public sealed class OutboxWriter(string table = OutboxTable.DefaultName, TimeProvider? timeProvider = null, QueueTopology? topology = null)
{
    private readonly string _table = OutboxTable.Validate(table);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The outbox table rows go to.</summary>
    public string Table => _table;

    /// <summary>
    /// Writes one event for <paramref name="site"/> on the logical <paramref name="queue"/> into the outbox, inside
    /// <paramref name="transaction"/>; returns its message id (the id the handler sees). Nothing reaches the broker
    /// before the transaction commits; a rollback drops the event. An <see cref="IPartitioned"/> payload gives its key.
    /// </summary>
    /// <exception cref="ArgumentException">The site or queue name is not valid; the queue is partitioned and the payload names no key.</exception>
    /// <exception cref="NotSupportedException">The transaction is neither Npgsql's nor Microsoft.Data.Sqlite's.</exception>
    public Task<string> EnqueueAsync<T>(DbTransaction transaction, string site, string queue, T payload, CancellationToken cancellationToken = default) =>
        EnqueueAsync(transaction, site, queue, payload, partitionKey: null, cancellationToken);

    /// <summary>
    /// As <see cref="EnqueueAsync{T}(DbTransaction, string, string, T, CancellationToken)"/>, with the event's partition
    /// key (it wins over the payload's): on a partitioned queue the relay publishes the event to the key's partition,
    /// the one <see cref="IEventPublisher"/> picks for the same key; on a plain queue the key is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">As above, or a key that is blank or longer than <see cref="PartitionHash.MaxKeyLength"/>.</exception>
    public async Task<string> EnqueueAsync<T>(DbTransaction transaction, string site, string queue, T payload, string? partitionKey, CancellationToken cancellationToken = default)
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
            partitionKey = KeyOf(queue, payload, partitionKey),
        };
        var insert = $"INSERT INTO {_table} (id, site, queue, content_type, payload, created_at, partition_key) VALUES (@id, @site, @queue, @contentType, @payload, @createdAt, @partitionKey)";
        var sql = connection switch
        {
            NpgsqlConnection => $"{insert}; SELECT pg_notify('{_table}', '')", // the channel is the table name: one outbox, one channel
            SqliteConnection => insert,
            _ => throw new NotSupportedException($"The outbox works on Npgsql and Microsoft.Data.Sqlite transactions, not on {connection.GetType().Name}."),
        };
        await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.id;
    }

    /// <summary>The key the row keeps, checked as <see cref="IEventPublisher"/> checks it (before anything is written).</summary>
    private string? KeyOf<T>(string queue, T payload, string? partitionKey)
    {
        if (partitionKey is not null && !PartitionHash.IsValidKey(partitionKey))
        {
            throw new ArgumentException($"The partition key must be non-blank and at most {PartitionHash.MaxKeyLength} characters.", nameof(partitionKey));
        }

        if (topology?.IsPartitioned(queue) != true)
        {
            return PartitionKeys.Of(payload, partitionKey); // kept: the relay uses it if the queue is partitioned by then
        }

        var key = PartitionKeys.Required(queue, payload, partitionKey, "EnqueueAsync's partitionKey");
        _ = topology.PartitionSpecFor(queue, key); // a payload's blank or too long key is refused here, not at relay
        return key;
    }
}
