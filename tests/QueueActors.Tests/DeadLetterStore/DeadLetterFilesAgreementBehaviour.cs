using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Tests.Persistence;
using Xunit;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>After every operation, and after recovery, the dead-letter folder holds a file for exactly the live entries.</summary>
public abstract class DeadLetterFilesAgreementBehaviour(IPersistenceTestBackend backend) : DeadLetterStoreTestBase(backend)
{
    [Fact]
    public async Task Recording_writes_the_missing_file_and_keeps_a_file_a_worker_wrote()
    {
        var store = await StartStoreAsync();
        var fromQueue = NewRecord();
        var fromWorker = NewRecord();
        var workerFile = await Files.WriteAsync(fromWorker);
        var workerBytes = await File.ReadAllBytesAsync(workerFile);
        var workerTime = File.GetLastWriteTimeUtc(workerFile);

        await RecordAsync(store, fromQueue);
        await RecordAsync(store, fromWorker);

        await AssertFilesAgreeAsync(store);
        Assert.Equal([fromQueue.Id, fromWorker.Id], FileIds());
        Assert.Equal(workerBytes, await File.ReadAllBytesAsync(workerFile));
        Assert.Equal(workerTime, File.GetLastWriteTimeUtc(workerFile));
    }

    [Fact]
    public async Task Replaying_and_purging_keep_the_folder_and_the_entries_in_agreement()
    {
        var store = await StartStoreAsync();
        await RecordAsync(store, NewRecord());
        Clock.Advance(TimeSpan.FromDays(2));
        var b = NewRecord();
        await RecordAsync(store, b);
        await AssertFilesAgreeAsync(store);

        await AskAsync<DeadLettersReplayed>(store, ReplayDeadLetters.All());
        await AssertFilesAgreeAsync(store);
        await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters(TimeSpan.FromDays(1)));
        await AssertFilesAgreeAsync(store);
        Assert.Equal([b.Id], FileIds());
        await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters());
        await AssertFilesAgreeAsync(store);
        Assert.Empty(FileIds());
    }

    [Fact]
    public async Task Recovery_records_a_file_without_an_entry_and_writes_again_a_missing_file()
    {
        var store = await StartStoreAsync();
        var recorded = NewRecord();
        await RecordAsync(store, recorded);
        await StopAsync(store);
        File.Delete(Path.Combine(Files.Directory, recorded.Id + ".json")); // lost from the folder
        var unrecorded = NewRecord();
        await Files.WriteAsync(unrecorded); // a worker wrote it while the store was down

        var again = await StartStoreAsync();

        Assert.Equal([recorded.Id, unrecorded.Id], await EntryIdsAsync(again));
        await AssertFilesAgreeAsync(again);
        Assert.Equal(recorded, (await AskAsync<DeadLetterEntry>(again, new ShowDeadLetter(recorded.Id))).Record);
        await StopAsync(again);
        var third = await StartStoreAsync(); // the file found became an entry that lasts
        Assert.Equal([recorded.Id, unrecorded.Id], await EntryIdsAsync(third));
    }

    [Fact]
    public async Task Recovery_deletes_the_file_of_a_purged_id_instead_of_recording_it_again()
    {
        var store = await StartStoreAsync();
        var record = NewRecord();
        await RecordAsync(store, record);
        await AskAsync<DeadLettersPurged>(store, new PurgeDeadLetters());
        await StopAsync(store);
        await Files.WriteAsync(record); // as if the process died between persisting the purge and deleting the file

        var again = await StartStoreAsync();

        Assert.Empty(await EntryIdsAsync(again));
        await AssertFilesAgreeAsync(again);
    }

    [Fact]
    public async Task A_file_that_is_not_a_record_is_left_alone_and_logged()
    {
        Directory.CreateDirectory(Files.Directory);
        var stray = Path.Combine(Files.Directory, "notes.json");
        await File.WriteAllTextAsync(stray, "not json at all");

        var store = await StartStoreAsync();

        Assert.Empty(await EntryIdsAsync(store));
        Assert.True(File.Exists(stray));
        await Logs.ExpectAsync(e => e.EventId.Id == 6101 && e.Message.Contains("notes.json", StringComparison.Ordinal));
    }
}
