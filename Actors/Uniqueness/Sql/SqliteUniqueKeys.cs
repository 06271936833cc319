using Dapper;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Actors.Uniqueness.Sql;

/// <summary>
/// <c>qa_unique_keys</c> in the node's SQLite file. The take and the look at the holder run in one write of the
/// single writer (and SQLite's file lock orders the processes on the file), so two publishes never both take a key.
/// </summary>
public sealed class SqliteUniqueKeys(SqliteDatabase database, TimeProvider? timeProvider = null) : IUniqueKeys
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The keys on <paramref name="database"/>; its tables must be migrated (<see cref="Scheduling.Sql.SqliteScheduledEvents.OpenAsync"/> does).</summary>
    public Task<string> TakeAsync(string key, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var parameters = new { key, mid = messageId, expires = UniqueKeySql.Millis(expiresAt), now = UniqueKeySql.Millis(_time.GetUtcNow()) };
        return database.WriteAsync(
            (connection, transaction) => connection.QuerySingleOrDefault<string?>(UniqueKeySql.Take, parameters, transaction)
                ?? connection.QuerySingle<string>(UniqueKeySql.Holder, parameters, transaction),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string messageId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(UniqueKeySql.Release, new { key, mid = messageId }, transaction), cancellationToken);

    /// <inheritdoc />
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = UniqueKeySql.Millis(_time.GetUtcNow());
        return database.WriteAsync((connection, transaction) => connection.Execute(UniqueKeySql.Sweep, new { now }, transaction), cancellationToken);
    }
}
