using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Outbox;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Outbox;

/// <summary>The schema helper and the writer's checks, on a SQLite file (no server needed).</summary>
public sealed class OutboxSchemaTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string ConnectionString => $"Data Source={Path.Combine(_root.Path, "app.db")};Pooling=false";

    [Fact]
    public async Task Creating_the_table_twice_is_harmless_and_records_its_version_per_table()
    {
        await using var connection = new SqliteConnection(ConnectionString);

        Assert.Equal(1, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite));
        Assert.Equal(1, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite));
        Assert.Equal(1, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite, "billing_outbox"));

        var components = (await connection.QueryAsync<string>("SELECT component FROM schema_version ORDER BY component")).ToList();
        Assert.Equal(["outbox:billing_outbox", "outbox:queueactors_outbox"], components);
    }

    [Fact]
    public async Task The_writer_refuses_an_invalid_site_or_queue_before_writing_anything()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite);
        await using var transaction = await connection.BeginTransactionAsync();
        var writer = new OutboxWriter();

        await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(transaction, "no site!", "email", new { }));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(transaction, "example.org", "e.mail", new { }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM queueactors_outbox", transaction: transaction));
    }

    [Fact]
    public async Task A_written_event_carries_its_message_id_site_queue_and_json_payload()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite);
        await using var transaction = await connection.BeginTransactionAsync();

        var id = await new OutboxWriter().EnqueueAsync(transaction, "example.org", "email", new { To = "ada@example.org" });
        await transaction.CommitAsync();

        var row = await connection.QuerySingleAsync<(string Id, string Site, string Queue, byte[] Payload)>("SELECT id, site, queue, payload FROM queueactors_outbox");
        Assert.Equal((id, "example.org", "email", """{"to":"ada@example.org"}"""), (row.Id, row.Site, row.Queue, System.Text.Encoding.UTF8.GetString(row.Payload)));
    }

    public void Dispose() => _root.Dispose();
}
