using Dapper;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Uniqueness.Sql;

/// <summary>
/// <c>qa_unique_keys</c> in the cluster's PostgreSQL database. INSERT … ON CONFLICT is atomic: of two nodes racing on
/// one key, one inserts and the other waits for its commit and then sees the conflict.
/// </summary>
public sealed class PostgresUniqueKeys(PostgresDatabase database, TimeProvider? timeProvider = null) : IUniqueKeys
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The keys on <paramref name="database"/>; its tables must be migrated (<see cref="Scheduling.Sql.PostgresScheduledEvents.OpenAsync"/> does).</summary>
    public async Task<string> TakeAsync(string key, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The holder may be swept between the two statements: then the key is free and the next round takes it.
            while (true)
            {
                var parameters = new { key, mid = messageId, expires = UniqueKeySql.Millis(expiresAt), now = UniqueKeySql.Millis(_time.GetUtcNow()) };
                var taken = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(UniqueKeySql.Take, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var holder = taken ?? await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(UniqueKeySql.Holder, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (holder is not null)
                {
                    return holder;
                }
            }
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string messageId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(UniqueKeySql.Release, new { key, mid = messageId }, cancellationToken);

    /// <inheritdoc />
    public Task<int> SweepAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync(UniqueKeySql.Sweep, new { now = UniqueKeySql.Millis(_time.GetUtcNow()) }, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
