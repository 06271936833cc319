using QueueActors.Host.Demo;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Demo;

/// <summary><c>queueactors demo</c>'s run, in this process with its output captured.</summary>
public sealed class DemoRunnerTests : IDisposable
{
    private const int Events = 200;
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_demo_settles_every_event_and_its_summary_adds_up()
    {
        var output = new StringWriter();

        var outcome = await new DemoRunner(output, liveLine: false) { Timeout = TimeSpan.FromMinutes(1) }.RunAsync(Events, _data.Path);

        Assert.True(outcome.Finished, output.ToString());
        var rows = outcome.Counts.ToDictionary(row => row.Queue);
        Assert.Equal(Events, rows["total"].Published);
        foreach (var queue in DemoQueues.All)
        {
            Assert.Equal(rows[queue].Published, rows[queue].Handled + rows[queue].DeadLettered);
        }

        Assert.Equal(Events, rows["total"].Handled + rows["total"].DeadLettered);
        Assert.Equal((rows[DemoQueues.Welcome].Published, 0, 0), (rows[DemoQueues.Welcome].Handled, rows[DemoQueues.Welcome].Retried, rows[DemoQueues.Welcome].DeadLettered));
        var webhook = rows[DemoQueues.Webhook];
        Assert.Equal((0, webhook.Published, webhook.Published * DemoConfig.MaxRetries), (webhook.Handled, webhook.DeadLettered, webhook.Retried));
        Assert.True(webhook.Published > 0);
        Assert.NotNull(rows["total"].P50);
        Assert.True(rows["total"].P99 >= rows["total"].P50);

        // Every dead letter is a JSON file, and the summary table printed the totals.
        Assert.Equal(rows["total"].DeadLettered, Directory.GetFiles(Path.Combine(_data.Path, "dead-letters"), "*.json").Length);
        Assert.Contains(outcome.Counts[^1].Queue, output.ToString());
        Assert.Matches($@"total\s+{Events}\s+{rows["total"].Handled}\s+{rows["total"].Retried}\s+{rows["total"].DeadLettered}\s", output.ToString());
    }

    [Fact]
    public async Task The_demo_removes_the_directory_it_made_for_itself_unless_kept()
    {
        var output = new StringWriter();

        var removed = await new DemoRunner(output, liveLine: false) { Timeout = TimeSpan.FromMinutes(1) }.RunAsync(30, dataDirectory: null);
        var kept = await new DemoRunner(output, liveLine: false) { Timeout = TimeSpan.FromMinutes(1), Keep = true }.RunAsync(30, dataDirectory: null);

        try
        {
            Assert.True(removed.Finished && kept.Finished, output.ToString());
            Assert.False(Directory.Exists(removed.DataDirectory), $"{removed.DataDirectory} was left behind");
            Assert.Contains($"Data removed: {removed.DataDirectory} (--keep or --data-dir DIR keeps it)", output.ToString(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(kept.DataDirectory, "queueactors.db")));
        }
        finally
        {
            Directory.Delete(kept.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_directory_given_to_the_demo_is_kept()
    {
        var outcome = await new DemoRunner(new StringWriter(), liveLine: false) { Timeout = TimeSpan.FromMinutes(1) }.RunAsync(10, _data.Path);

        Assert.True(outcome.Kept);
        Assert.True(File.Exists(Path.Combine(_data.Path, "queueactors.db")));
    }

    public void Dispose() => _data.Dispose();
}
