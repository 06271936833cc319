using Dapper;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Sqlite;

/// <summary>The embedded database's single writer: concurrent writes share commits, and one failing write rolls back alone.</summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.OpenSqliteAsync(_directory.Path);
        await _database.WriteAsync((connection, transaction) => connection.Execute("CREATE TABLE events (id TEXT NOT NULL, nr INTEGER NOT NULL, PRIMARY KEY (id, nr))", transaction: transaction));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_conflicting_write_among_concurrent_ones_fails_alone_and_the_others_are_kept()
    {
        await AppendAsync(_database, "taken", 1);

        var appends = Enumerable.Range(0, 50).Select(i => AppendAsync(_database, $"id-{i}", 1, 2))
            .Append(AppendAsync(_database, "taken", 1))
            .ToList();
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(appends));

        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(failure);
        Assert.Equal(1, appends.Count(a => a.IsFaulted));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(2, await HighestAsync(_database, $"id-{i}"));
        }
    }

    [Fact]
    public async Task Writes_queued_when_the_database_closes_are_committed_first()
    {
        var appends = Enumerable.Range(1, 20).Select(i => AppendAsync(_database, "closing", i)).ToList();

        await _database.DisposeAsync();
        await Task.WhenAll(appends);

        await using var reopened = await TestDatabases.OpenSqliteAsync(_directory.Path);
        Assert.Equal(20, await HighestAsync(reopened, "closing"));
    }

    private static Task<int> AppendAsync(SqliteDatabase database, string id, params int[] numbers) =>
        database.WriteAsync((connection, transaction) => numbers.Sum(nr => connection.Execute("INSERT INTO events (id, nr) VALUES (@id, @nr)", new { id, nr }, transaction)));

    private static Task<long> HighestAsync(SqliteDatabase database, string id) =>
        database.ReadAsync(connection => connection.ExecuteScalar<long>("SELECT COALESCE(MAX(nr), 0) FROM events WHERE id = @id", new { id }));
}
