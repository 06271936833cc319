using QueueActors.Actors.Processing.Stats;
using QueueActors.TestKit;
using QueueActors.Tests.Processing.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Stats;

/// <summary>Zulip's per-queue stats: what the counters say, and the file each worker writes.</summary>
public sealed class QueueStatsTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qa-stats-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Stats_show_the_consume_time_the_last_emptying_and_the_event_in_a_handler()
    {
        HoldAtGate();
        await StartAsync();
        Assert.Null(Stats("work").RecentAverageConsumeMs);
        Assert.Null(Stats("work").LastFinished);

        await Recorder.WaitForHandledAsync(await PublishAsync("s1", "ok"));
        await AwaitCondition.UntilAsync(() => Stats("work").QueueLastEmptied is not null, because: "the supervisor had nothing more to hand out");
        var idle = Stats("work");
        Assert.NotNull(idle.RecentAverageConsumeMs);
        Assert.NotNull(idle.LastFinished);
        Assert.Equal(0, idle.ConsumedSinceLastEmptied);
        Assert.Null(idle.CurrentEventStart);

        var before = DateTimeOffset.UtcNow;
        await PublishAsync("s1", "hold");
        await Gate.WaitForInsideAsync(1);
        var busy = Stats("work");
        Assert.NotNull(busy.CurrentEventStart);
        Assert.InRange(busy.CurrentEventStart!.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(1, busy.InFlight);

        Gate.Release();
        await AwaitCondition.UntilAsync(() => Stats("work").CurrentEventStart is null && Stats("work").InFlight == 0, because: "the held event finished");
    }

    [Fact]
    public async Task Each_queue_has_a_stats_file_with_its_depth_written_at_the_interval()
    {
        await StartAsync($"queueactors.stats {{ directory = \"{_directory}\", interval = 100ms }}");
        Assert.True(await Processing.PauseAsync("work"));
        await PublishAsync("s1", "one");
        await PublishAsync("s1", "two");

        var file = Path.Combine(_directory, "shared", "work.stats");
        QueueStats? written = null;
        await AwaitCondition.UntilAsync(
            async () => File.Exists(file) && (written = await QueueStatsFiles.ReadAsync(file)) is { Depth: 2 },
            because: "the writer wrote the paused queue's depth of 2");
        Assert.Equal(("work", null as string, "qa.work"), (written!.Queue, written.Site, written.BrokerQueue));
        Assert.Equal(0, written.Consumers);
        Assert.Contains("\"recent_average_consume_ms\"", await File.ReadAllTextAsync(file)); // Zulip's snake_case keys
        Assert.True(File.Exists(Path.Combine(_directory, "shared", "batch.stats")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "shared"), "*.tmp"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private QueueStats Stats(string queue) => Processing.GetStats().Single(s => s.Queue == queue && s.Site is null);
}
