using System.Text;
using QueueActors.Actors.Persistence;
using Xunit;

namespace QueueActors.Tests.Persistence;

/// <summary>The snapshot store: the latest wins, a save at the same number replaces, deletes go up to a number.</summary>
public abstract class SnapshotStoreBehaviour(IPersistenceTestBackend backend) : PersistenceTestBase(backend)
{
    [Fact]
    public async Task Latest_is_the_snapshot_with_the_highest_sequence_number_and_null_when_there_is_none()
    {
        var snapshots = (await OpenStoresAsync()).Snapshots;
        var id = NewPersistenceId("latest");
        Assert.Null(await snapshots.LoadLatestAsync(id));

        await snapshots.SaveAsync(Snapshot(id, 7, "seven"));
        await snapshots.SaveAsync(Snapshot(id, 3, "three"));
        await snapshots.SaveAsync(Snapshot(NewPersistenceId("other"), 9, "other"));

        var latest = await snapshots.LoadLatestAsync(id);
        Assert.NotNull(latest);
        Assert.Equal(7, latest.SequenceNr);
        Assert.Equal("seven", Text(latest));
        Assert.Equal("test-snapshot", latest.Manifest);
    }

    [Fact]
    public async Task Saving_again_at_the_same_sequence_number_replaces_the_snapshot()
    {
        var snapshots = (await OpenStoresAsync()).Snapshots;
        var id = NewPersistenceId("replace");

        await snapshots.SaveAsync(Snapshot(id, 4, "old"));
        await snapshots.SaveAsync(Snapshot(id, 4, "new"));

        Assert.Equal("new", Text((await snapshots.LoadLatestAsync(id))!));
    }

    [Fact]
    public async Task Delete_removes_the_snapshots_up_to_a_sequence_number()
    {
        var snapshots = (await OpenStoresAsync()).Snapshots;
        var id = NewPersistenceId("delete");
        foreach (var nr in new[] { 1, 2, 3 })
        {
            await snapshots.SaveAsync(Snapshot(id, nr, $"s{nr}"));
        }

        Assert.Equal(2, await snapshots.DeleteAsync(id, 2));
        Assert.Equal(3, (await snapshots.LoadLatestAsync(id))!.SequenceNr);
        Assert.Equal(1, await snapshots.DeleteAsync(id, 3));
        Assert.Null(await snapshots.LoadLatestAsync(id));
    }

    private static SnapshotEntry Snapshot(string id, long nr, string text) =>
        new(id, nr, "test-snapshot", Encoding.UTF8.GetBytes(text), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static string Text(SnapshotEntry entry) => Encoding.UTF8.GetString(entry.Payload.Span);
}
