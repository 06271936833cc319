using Dapper;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Scheduling.Sql;

/// <summary>
/// <c>qa_scheduled</c> in the cluster's PostgreSQL database, shared by every node: the relays of all nodes claim
/// due rows with FOR UPDATE SKIP LOCKED, so two never relay the same row at once.
/// </summary>
public sealed class PostgresScheduledEvents : IScheduledEvents, IScheduledEventsRelayStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;

    private PostgresScheduledEvents(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>The store on <paramref name="database"/>, its tables migrated.</summary>
    public static async Task<PostgresScheduledEvents> OpenAsync(PostgresDatabase database, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync(SchedulingSchema.Component, cancellationToken).ConfigureAwait(false);
        return new PostgresScheduledEvents(database, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async ValueTask ScheduleAsync(string brokerQueue, Envelope envelope, DateTimeOffset dueAt, string? partitionKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(ScheduledSql.Insert, ScheduledRow.Insert(brokerQueue, envelope, dueAt, partitionKey), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduledEvent>> ListAsync(string? brokerQueue = null, string? site = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<ScheduledRow>(new CommandDefinition(ScheduledSql.List, new { queue = brokerQueue, site, limit = (long)limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(static row => row.ToListed())];
        }
    }

    /// <inheritdoc />
    public async Task<bool> CancelAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var now = ScheduledRow.NowMillis(_time.GetUtcNow());
            return await connection.ExecuteAsync(new CommandDefinition(ScheduledSql.Cancel, new { mid = messageId, now }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduledQueueSummary>> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<QueueSummaryRow>(new CommandDefinition(ScheduledSql.Summarize, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(static row => row.ToSummary())];
        }
    }

    async Task<IReadOnlyList<RelayRow>> IScheduledEventsRelayStore.ClaimDueAsync(DateTimeOffset now, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<ScheduledRow>(new CommandDefinition(
                ScheduledSql.ClaimPrefix + ScheduledSql.DueIds + " FOR UPDATE SKIP LOCKED" + ScheduledSql.ClaimSuffix,
                new { now = ScheduledRow.NowMillis(now), until = ScheduledRow.ToMillis(until), max = (long)max },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(static row => row.ToRelayRow())];
        }
    }

    Task IScheduledEventsRelayStore.DeleteAsync(long id, CancellationToken cancellationToken) => ExecuteAsync(ScheduledSql.Delete, id, cancellationToken);

    Task IScheduledEventsRelayStore.ReleaseAsync(long id, CancellationToken cancellationToken) => ExecuteAsync(ScheduledSql.Release, id, cancellationToken);

    async Task<DateTimeOffset?> IScheduledEventsRelayStore.NextDueAsync(CancellationToken cancellationToken)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ScheduledSql.NextDue, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return next is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
        }
    }

    private async Task ExecuteAsync(string sql, long id, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
