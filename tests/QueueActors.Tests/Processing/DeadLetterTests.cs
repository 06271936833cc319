using System.Text.Json;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class DeadLetterTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task Retries_exhausted_write_one_record_file_and_put_it_on_the_dead_letter_queue()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("template missing");
        await StartAsync("queueactors.processing.max-retries = 2");

        var id = await PublishAsync("example.com", "doomed");
        var record = await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal(DeadLetterReason.RetriesExhausted, record.Reason);
        Assert.Equal(3, record.Attempts);
        Assert.Equal("example.com", record.Site);
        Assert.Equal("work", record.Queue);
        Assert.Equal("qa.work", record.BrokerQueue);
        Assert.Equal(typeof(InvalidOperationException).FullName, record.ExceptionType);
        Assert.Equal("template missing", record.ExceptionMessage);
        // The frame the user's code threw from: a lambda called through a delegate, which the JIT never inlines
        // (a helper frame such as ScriptedHandler's may be inlined away in Release).
        Assert.Contains(nameof(Retries_exhausted_write_one_record_file_and_put_it_on_the_dead_letter_queue), record.StackTrace);
        Assert.True(record.FirstFailureAt <= record.LastFailureAt);
        Assert.Equal("doomed", JsonDocument.Parse(record.Payload!).RootElement.GetProperty("text").GetString());

        var file = Assert.Single(Harness.DeadLetterFiles());
        Assert.Equal(record.Id + ".json", Path.GetFileName(file));
        var onDisk = await DeadLetterFiles.ReadAsync(file);
        Assert.Equal(record.MessageId, onDisk!.MessageId);
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync("qa.dead-letters")).MessagesReady);
        Assert.Equal(0, (await Harness.Transport.GetStatusAsync("qa.work")).MessagesReady);
        Assert.Single(Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("went to dead letters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_undecodable_payload_is_dead_lettered_at_once_and_never_reaches_the_handler()
    {
        var calls = 0;
        Script.OnEvent = (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.CompletedTask;
        };
        await StartAsync("queueactors.processing.max-retries = 5");
        var bad = new Envelope { Site = "s1", Queue = "work", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{not json"u8.ToArray() };

        await Harness.Transport.PublishAsync("qa.work", bad);
        var record = await Recorder.WaitForDeadLetterAsync(bad.MessageId);

        Assert.Equal(DeadLetterReason.Undecodable, record.Reason);
        Assert.Equal(0, record.Attempts);
        Assert.Equal(typeof(InvalidPayloadException).FullName, record.ExceptionType);
        Assert.Equal("{not json", record.Payload);
        Assert.Empty(Recorder.Retried);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_payload_that_is_not_utf8_is_kept_as_base64()
    {
        await StartAsync();
        var bytes = new byte[] { 0xff, 0xfe, 0x00, 0x41 };
        var bad = new Envelope { Site = "s1", Queue = "work", EnqueuedAt = DateTimeOffset.UtcNow, Body = bytes };

        await Harness.Transport.PublishAsync("qa.work", bad);
        var record = await Recorder.WaitForDeadLetterAsync(bad.MessageId);

        Assert.Null(record.Payload);
        Assert.Equal(bytes, Convert.FromBase64String(record.PayloadBase64!));
    }
}
