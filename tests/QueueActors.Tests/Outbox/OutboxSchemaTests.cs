using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Persistence;
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

        Assert.Equal(2, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite));
        Assert.Equal(2, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite));
        Assert.Equal(2, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite, "billing_outbox"));

        var components = (await connection.QueryAsync<string>("SELECT DISTINCT component FROM schema_version ORDER BY component")).ToList();
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
        await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(transaction, "example.org", "email", new { }, partitionKey: " "));
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

    [Fact]
    public async Task A_written_event_keeps_the_key_given_over_its_payloads_and_the_payloads_key_otherwise()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite);
        await using var transaction = await connection.BeginTransactionAsync();
        var writer = new OutboxWriter();

        var given = await writer.EnqueueAsync(transaction, "example.org", "orders", new KeyedEvent("from-payload"), partitionKey: "given");
        var fromPayload = await writer.EnqueueAsync(transaction, "example.org", "orders", new KeyedEvent("from-payload"));
        var none = await writer.EnqueueAsync(transaction, "example.org", "email", new { });
        await transaction.CommitAsync();

        var keys = (await connection.QueryAsync<(string Id, string? Key)>("SELECT id, partition_key FROM queueactors_outbox")).ToDictionary(r => r.Id, r => r.Key);
        Assert.Equal(("given", "from-payload", (string?)null), (keys[given], keys[fromPayload], keys[none]));
    }

    [Fact]
    public async Task A_table_of_the_first_version_gains_the_key_column_and_keeps_its_rows()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // What a release before partition keys created and wrote.
            await SchemaScripts.ApplyAsync(connection, transaction, postgres: false, "outbox:queueactors_outbox", SchemaScripts.For("sqlite", "outbox").Take(1).ToList(), sql => sql.Replace("{table}", "queueactors_outbox", StringComparison.Ordinal), CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO queueactors_outbox (id, site, queue, content_type, payload, created_at) VALUES ('old', 'example.org', 'email', 'application/json', x'7B7D', 0)", transaction: transaction);
            await transaction.CommitAsync();
        }

        Assert.Equal(2, await OutboxSchema.EnsureCreatedAsync(connection, OutboxProvider.Sqlite));

        Assert.Equal(("old", (string?)null), await connection.QuerySingleAsync<(string, string?)>("SELECT id, partition_key FROM queueactors_outbox"));
    }

    public void Dispose() => _root.Dispose();

    private sealed record KeyedEvent(string PartitionKey) : IPartitioned;
}
