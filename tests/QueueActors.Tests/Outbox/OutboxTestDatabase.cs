using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using QueueActors.Actors.Outbox;

namespace QueueActors.Tests.Outbox;

/// <summary>An application database holding an outbox table: a SQLite file or a PostgreSQL database.</summary>
public sealed class OutboxTestDatabase(OutboxProvider provider, string connectionString)
{
    public OutboxProvider Provider => provider;

    public string ConnectionString => connectionString;

    public static async Task<OutboxTestDatabase> CreateAsync(OutboxProvider provider, string connectionString)
    {
        var database = new OutboxTestDatabase(provider, connectionString);
        await using var connection = database.Create();
        await OutboxSchema.EnsureCreatedAsync(connection, provider);
        return database;
    }

    public DbConnection Create() => provider == OutboxProvider.Postgresql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>Writes one event per payload in one application transaction, committed or rolled back; returns the message ids.</summary>
    public Task<IReadOnlyList<string>> EnqueueAsync(string site, string queue, bool commit, params object[] payloads) =>
        InTransactionAsync<IReadOnlyList<string>>(
            async transaction =>
            {
                var writer = new OutboxWriter();
                var ids = new List<string>();
                foreach (var payload in payloads)
                {
                    ids.Add(await writer.EnqueueAsync(transaction, site, queue, payload));
                }

                return ids;
            },
            commit);

    /// <summary>Runs <paramref name="work"/> in one application transaction, then commits it (or rolls it back).</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> work, bool commit = true)
    {
        await using var connection = Create();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work(transaction);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return result;
    }

    public async Task<long> CountRowsAsync()
    {
        await using var connection = Create();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {OutboxTable.DefaultName}");
    }

    /// <summary>A row written by hand, past <see cref="OutboxWriter"/>'s checks (as an older release or another tool might).</summary>
    public async Task InsertRawAsync(string id, string site, string queue)
    {
        await using var connection = Create();
        await connection.ExecuteAsync(
            $"INSERT INTO {OutboxTable.DefaultName} (id, site, queue, content_type, payload, created_at) VALUES (@id, @site, @queue, 'application/json', @payload, @createdAt)",
            new { id, site, queue, payload = "{}"u8.ToArray(), createdAt = DateTimeOffset.UtcNow.UtcTicks });
    }
}
