using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Stats;
using QueueActors.TestKit;
using QueueActors.Tests.Processing.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Stats;

/// <summary>Every failed attempt is one JSON line in its queue's error log, which rotates by size.</summary>
public sealed class QueueErrorLogTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qa-errors-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Each_failed_attempt_appends_a_line_with_the_event_attempt_and_exception()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("broken handler");
        await StartAsync($$"""
            queueactors.processing { max-retries = 1, retry-backoff { min = 10ms, max = 10ms } }
            queueactors.stats.directory = "{{_directory}}"
            """);

        var id = await PublishAsync("s1", "bad");
        await Recorder.WaitForDeadLetterAsync(id);
        var file = Path.Combine(_directory, "shared", "work.errors");
        await AwaitCondition.UntilAsync(() => File.Exists(file) && Lines(file).Length == 2, because: "two attempts failed");

        var lines = Lines(file).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToArray();
        Assert.Equal([1, 2], lines.Select(l => l.GetProperty("attempt").GetInt32()));
        Assert.All(lines, l => Assert.Equal(id, l.GetProperty("event_id").GetString()));
        Assert.All(lines, l => Assert.Equal("s1", l.GetProperty("site").GetString()));
        Assert.All(lines, l => Assert.Equal("System.InvalidOperationException", l.GetProperty("exception_type").GetString()));
        Assert.All(lines, l => Assert.Equal("broken handler", l.GetProperty("message").GetString()));
        Assert.True(l(lines[0]) <= l(lines[1]));

        static DateTimeOffset l(JsonElement line) => line.GetProperty("time").GetDateTimeOffset();
    }

    [Fact]
    public async Task A_log_past_its_size_is_rotated_keeping_one_old_file()
    {
        var settings = new StatsSettings(_directory, TimeSpan.FromSeconds(5), ErrorLogSize: 1024);
        var log = new QueueErrorLog(settings, TimeProvider.System, NullLogger.Instance);
        var envelope = new Envelope { Site = "example.com", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < 40; i++)
        {
            log.Failed("email", "example.com", envelope with { MessageId = "event-" + i }, new TimeoutException(new string('x', 50)));
        }

        await log.DisposeAsync();

        var file = log.PathOf("email", "example.com");
        Assert.Equal(Path.Combine(_directory, "example.com", "email.errors"), file);
        Assert.InRange(new FileInfo(file).Length, 1, 1024);
        Assert.InRange(new FileInfo(file + ".1").Length, 1, 1024);
        Assert.False(File.Exists(file + ".2"));
        Assert.Contains("\"event_id\":\"event-39\"", Lines(file)[^1]);
        Assert.DoesNotContain(Lines(file + ".1").Concat(Lines(file)), l => l.Contains("\"event-0\"", StringComparison.Ordinal)); // older files are dropped
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string[] Lines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
