using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace QueueActors.Processors.UserActivity;

/// <summary>
/// The table <c>qa_user_activity</c> (user_id, query, count, last_visit; one row per user and query), on SQLite or
/// PostgreSQL, created on first use. <see cref="AddAsync"/> writes a batch's rows in one transaction, one upsert per
/// row (<c>count += n</c>, <c>last_visit = max</c>), so a batch counts wholly or not at all. On SQLite last_visit is
/// ISO-8601 UTC text with a fixed width (it sorts as time does); on PostgreSQL a timestamptz.
/// </summary>
public sealed class UserActivityStore(UserActivitySettings settings)
{
    public const string Table = "qa_user_activity";

    private const string Upsert = $"""
        INSERT INTO {Table} (user_id, query, count, last_visit) VALUES (@User, @Query, @Count, @LastVisit)
        ON CONFLICT (user_id, query) DO UPDATE SET
            count = {Table}.count + excluded.count,
            last_visit = CASE WHEN excluded.last_visit > {Table}.last_visit THEN excluded.last_visit ELSE {Table}.last_visit END
        """;

    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    /// <summary>Adds the rows (see the class remarks); returns how many upserts ran.</summary>
    public async Task<int> AddAsync(IReadOnlyList<UserActivityRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = Open();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureTableAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var parameters = new { row.User, row.Query, row.Count, LastVisit = LastVisitValue(row.LastVisit) };
            await connection.ExecuteAsync(new CommandDefinition(Upsert, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>The stored row of (<paramref name="user"/>, <paramref name="query"/>), or null.</summary>
    public async Task<UserActivityRow?> FindAsync(string user, string query, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureTableAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT count, last_visit FROM {Table} WHERE user_id = @user AND query = @query", new { user, query }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new UserActivityRow(user, query, reader.GetInt64(0), ReadLastVisit(reader.GetValue(1)))
            : null;
    }

    private DbConnection Open() => settings.Backend == UserActivityBackend.Postgres
        ? new NpgsqlConnection(settings.ConnectionString)
        : new SqliteConnection(settings.ConnectionString);

    private object LastVisitValue(DateTimeOffset time) => settings.Backend == UserActivityBackend.Postgres
        ? time.ToUniversalTime()
        : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadLastVisit(object value) => value switch
    {
        DateTimeOffset time => time.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException($"Unexpected last_visit value of type {value.GetType()}."),
    };

    private async Task EnsureTableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lastVisit = settings.Backend == UserActivityBackend.Postgres ? "timestamptz" : "TEXT";
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE TABLE IF NOT EXISTS {Table} (user_id TEXT NOT NULL, query TEXT NOT NULL, count BIGINT NOT NULL, last_visit {lastVisit} NOT NULL, PRIMARY KEY (user_id, query))",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }
}
