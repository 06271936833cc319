using QueueActors.Actors.Persistence;
using Xunit;

namespace QueueActors.Tests.Persistence;

/// <summary>The schema is created and migrated on open, versioned in schema_version.</summary>
public abstract class SchemaMigrationBehaviour(IPersistenceTestBackend backend) : PersistenceTestBase(backend)
{
    [Fact]
    public async Task Opening_applies_each_migration_once_and_records_its_version()
    {
        await OpenStoresAsync();
        var once = await Backend.AppliedVersionsAsync("persistence");

        await OpenStoresAsync();

        Assert.NotEmpty(once);
        Assert.Equal(Enumerable.Range(1, once.Count), once);
        Assert.Equal(once, await Backend.AppliedVersionsAsync("persistence"));
    }

    [Fact]
    public async Task A_database_of_an_older_version_is_migrated_to_the_newest_on_open()
    {
        await OpenStoresAsync();
        await Backend.ExecuteSqlAsync("DROP TABLE journal_metadata");
        await Backend.ExecuteSqlAsync("DELETE FROM schema_version WHERE component = 'persistence' AND version = 2"); // as release 1 left it

        var journal = (await OpenStoresAsync()).Journal;

        Assert.Equal([1, 2], (await Backend.AppliedVersionsAsync("persistence")).Take(2));
        var id = NewPersistenceId("migrated");
        await journal.AppendAsync([new JournalEntry(id, 1, "m", new byte[] { 1 }, DateTimeOffset.UtcNow)]);
        await journal.DeleteToAsync(id, 1); // uses the table of version 2
        Assert.Equal(1, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused_with_a_clear_message()
    {
        await OpenStoresAsync();
        await Backend.ExecuteSqlAsync("INSERT INTO schema_version (component, version, name, applied_at) VALUES ('persistence', 999, 'from_the_future', '2030-01-01')");
        try
        {
            var error = await Assert.ThrowsAsync<PersistenceException>(() => OpenStoresAsync());

            Assert.Contains("schema version 999", error.Message);
            Assert.Contains("newer than this build knows", error.Message);
        }
        finally
        {
            await Backend.ExecuteSqlAsync("DELETE FROM schema_version WHERE version = 999");
        }
    }
}
