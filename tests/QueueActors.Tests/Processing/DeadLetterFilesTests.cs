using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using Xunit;

namespace QueueActors.Tests.Processing;

public sealed class DeadLetterFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qa-dlf-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_file_name_comes_from_the_record_id_whatever_the_message_id_and_payload_say()
    {
        var files = new DeadLetterFiles(_directory);
        var envelope = new Envelope
        {
            MessageId = "../../etc/passwd",
            Site = "../x",
            Queue = "/tmp/y",
            EnqueuedAt = DateTimeOffset.UtcNow,
            Body = "\"../../evil\""u8.ToArray(),
        };
        var record = DeadLetterRecord.Create(envelope, "qa.work", DeadLetterReason.RetriesExhausted, 1, null, "n", DateTimeOffset.UtcNow);

        var path = await files.WriteAsync(record);

        Assert.Equal(Path.GetFullPath(_directory), Path.GetDirectoryName(path));
        Assert.Equal(record.Id + ".json", Path.GetFileName(path));
        Assert.Matches("^[0-9]{8}T[0-9]{9}-[0-9a-f]{32}$", record.Id);
        Assert.Equal("../../etc/passwd", (await DeadLetterFiles.ReadAsync(path))!.MessageId);
    }

    [Fact]
    public async Task A_write_leaves_no_temporary_file_and_a_second_letter_of_one_event_keeps_the_first()
    {
        var files = new DeadLetterFiles(_directory);
        var envelope = new Envelope { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        var record = DeadLetterRecord.Create(envelope, "qa.q", DeadLetterReason.Undecodable, 0, null, "n", DateTimeOffset.UtcNow);

        await files.WriteAsync(record);

        Assert.Equal([record.Id + ".json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        var second = DeadLetterRecord.Create(envelope, "qa.q", DeadLetterReason.CrashLoop, 3, null, "n2", DateTimeOffset.UtcNow.AddSeconds(5));
        var path = await files.WriteAsync(second);

        Assert.Equal(record.Id, second.Id);
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal(DeadLetterReason.Undecodable, (await DeadLetterFiles.ReadAsync(path))!.Reason);
    }

    [Fact]
    public async Task Listing_returns_records_oldest_first_and_skips_other_files()
    {
        var files = new DeadLetterFiles(_directory);
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var older = DeadLetterRecord.Create(new Envelope { Site = "s", Queue = "q", EnqueuedAt = first, Body = "{}"u8.ToArray() }, "qa.q", DeadLetterReason.Undecodable, 0, null, "n", first);
        var newer = DeadLetterRecord.Create(new Envelope { Site = "s", Queue = "q", EnqueuedAt = first.AddDays(1), Body = "{}"u8.ToArray() }, "qa.q", DeadLetterReason.CrashLoop, 6, null, "n", first.AddDays(1));
        await files.WriteAsync(newer);
        await files.WriteAsync(older);
        await File.WriteAllTextAsync(Path.Combine(_directory, "notes.json"), "not a record [");

        var listed = await files.ListAsync();

        Assert.Equal([older.Id, newer.Id], listed.Select(r => r.Id));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
