using QueueActors.Actors.Persistence;
using Xunit;

namespace QueueActors.Tests.Persistence;

/// <summary>
/// Our own tables (the SQL transport's; the journal's are Akka.Persistence.Sql's) are created and migrated on open,
/// versioned in schema_version.
/// </summary>
public abstract class SchemaMigrationBehaviour(IPersistenceTestBackend backend) : IAsyncLifetime
{
    private const string Component = "transport";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Opening_applies_each_migration_once_and_records_its_version()
    {
        await backend.MigrateAsync(Component);
        var once = await backend.AppliedVersionsAsync(Component);

        await backend.MigrateAsync(Component);

        Assert.NotEmpty(once);
        Assert.Equal(Enumerable.Range(1, once.Count), once);
        Assert.Equal(once, await backend.AppliedVersionsAsync(Component));
    }

    [Fact]
    public async Task A_database_of_an_older_version_is_migrated_to_the_newest_on_open()
    {
        await backend.MigrateAsync(Component);
        await backend.ExecuteSqlAsync("ALTER TABLE queue_messages DROP COLUMN first_failed_at");
        await backend.ExecuteSqlAsync($"DELETE FROM schema_version WHERE component = '{Component}' AND version = 3"); // as release 2 left it

        await backend.MigrateAsync(Component);

        Assert.Equal([1, 2, 3], (await backend.AppliedVersionsAsync(Component)).Take(3));
        await backend.ExecuteSqlAsync("SELECT first_failed_at FROM queue_messages"); // the column of version 3 is back
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused_with_a_clear_message()
    {
        await backend.MigrateAsync(Component);
        await backend.ExecuteSqlAsync($"INSERT INTO schema_version (component, version, name, applied_at) VALUES ('{Component}', 999, 'from_the_future', '2030-01-01')");

        var error = await Assert.ThrowsAsync<PersistenceException>(() => backend.MigrateAsync(Component));

        Assert.Contains("schema version 999", error.Message);
        Assert.Contains("newer than this build knows", error.Message);
    }
}
