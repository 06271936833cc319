using Dapper;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Scheduling.Sql;

/// <summary>
/// <c>qa_scheduled</c> in the node's SQLite file (processes on one machine share it). Writes go through the
/// database's group-commit writer: a schedule is a durable commit; the relay's claims are too (a claim lost in a
/// power cut would only relay the event again, but a claim must be seen by the other processes' relays at once).
/// </summary>
public sealed class SqliteScheduledEvents : IScheduledEvents, IScheduledEventsRelayStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    private SqliteScheduledEvents(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>The store on <paramref name="database"/>, its tables migrated.</summary>
    public static async Task<SqliteScheduledEvents> OpenAsync(SqliteDatabase database, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync(SchedulingSchema.Component, cancellationToken).ConfigureAwait(false);
        return new SqliteScheduledEvents(database, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async ValueTask ScheduleAsync(string brokerQueue, Envelope envelope, DateTimeOffset dueAt, string? partitionKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var parameters = ScheduledRow.Insert(brokerQueue, envelope, dueAt, partitionKey);
        await _database.WriteAsync((connection, transaction) => connection.Execute(ScheduledSql.Insert, parameters, transaction), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledEvent>> ListAsync(string? brokerQueue = null, string? site = null, int limit = 1000, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<ScheduledEvent>>(
            connection => [.. connection.Query<ScheduledRow>(ScheduledSql.List, new { queue = brokerQueue, site, limit }).Select(static row => row.ToListed())],
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> CancelAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var now = ScheduledRow.NowMillis(_time.GetUtcNow());
        return _database.WriteAsync((connection, transaction) => connection.Execute(ScheduledSql.Cancel, new { mid = messageId, now }, transaction) > 0, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledQueueSummary>> SummarizeAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<ScheduledQueueSummary>>(
            connection => [.. connection.Query<QueueSummaryRow>(ScheduledSql.Summarize).Select(static row => row.ToSummary())],
            cancellationToken);

    Task<IReadOnlyList<RelayRow>> IScheduledEventsRelayStore.ClaimDueAsync(DateTimeOffset now, DateTimeOffset until, int max, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<RelayRow>>(
            (connection, transaction) => [.. connection.Query<ScheduledRow>(
                ScheduledSql.ClaimPrefix + ScheduledSql.DueIds + ScheduledSql.ClaimSuffix,
                new { now = ScheduledRow.NowMillis(now), until = ScheduledRow.ToMillis(until), max },
                transaction).Select(static row => row.ToRelayRow())],
            cancellationToken);

    Task IScheduledEventsRelayStore.DeleteAsync(long id, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.Execute(ScheduledSql.Delete, new { id }, transaction), cancellationToken);

    Task IScheduledEventsRelayStore.ReleaseAsync(long id, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.Execute(ScheduledSql.Release, new { id }, transaction), cancellationToken);

    async Task<DateTimeOffset?> IScheduledEventsRelayStore.NextDueAsync(CancellationToken cancellationToken)
    {
        var next = await _database.ReadAsync(connection => connection.ExecuteScalar<long?>(ScheduledSql.NextDue), cancellationToken).ConfigureAwait(false);
        return next is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
    }
}
