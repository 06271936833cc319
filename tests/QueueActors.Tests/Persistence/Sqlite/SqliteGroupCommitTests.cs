using System.Text;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Sqlite;

/// <summary>Concurrent writes share commits, and one failing write rolls back alone.</summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabases.OpenSqliteAsync(_directory.Path);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_conflicting_append_among_concurrent_ones_fails_alone_and_the_others_are_kept()
    {
        var journal = (await SqlitePersistence.CreateAsync(_database, TestDatabases.Persistence(100))).Journal;
        await journal.AppendAsync([Entry("taken", 1)]);

        var appends = Enumerable.Range(0, 50).Select(i => journal.AppendAsync([Entry($"id-{i}", 1), Entry($"id-{i}", 2)]))
            .Append(journal.AppendAsync([Entry("taken", 1)]))
            .ToList();
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(appends));

        Assert.IsType<JournalConcurrencyException>(failure);
        Assert.Equal(1, appends.Count(a => a.IsFaulted));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(2, await journal.ReadHighestSequenceNrAsync($"id-{i}"));
        }
    }

    [Fact]
    public async Task Writes_queued_when_the_database_closes_are_committed_first()
    {
        var journal = (await SqlitePersistence.CreateAsync(_database, TestDatabases.Persistence(100))).Journal;
        var appends = Enumerable.Range(1, 20).Select(i => journal.AppendAsync([Entry("closing", i)])).ToList();

        await _database.DisposeAsync();
        await Task.WhenAll(appends);

        await using var reopened = await TestDatabases.OpenSqliteAsync(_directory.Path);
        var again = (await SqlitePersistence.CreateAsync(reopened, TestDatabases.Persistence(100))).Journal;
        Assert.Equal(20, await again.ReadHighestSequenceNrAsync("closing"));
    }

    private static JournalEntry Entry(string id, long nr) => new(id, nr, "m", Encoding.UTF8.GetBytes($"{id}#{nr}"), DateTimeOffset.UtcNow);
}
