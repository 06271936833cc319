using QueueActors.Actors.Sites;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.Runtime;

/// <summary>
/// Quiet mode in one process (issue 13, item 4): the node or one queue stops taking deliveries, finishes the work in
/// flight and hands back the rest; resume undoes it; a pause and quiet mode are independent holds.
/// </summary>
public sealed class QuietTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    [Fact]
    public async Task A_quiet_node_finishes_the_event_in_flight_hands_back_the_unstarted_ones_and_handles_them_after_resume()
    {
        HoldAtGate();
        var transport = Own(new CountingTransport());
        await StartAsync(transport: transport);
        var inFlight = await PublishAsync("s1", "hold");
        await Gate.WaitForInsideAsync(1);
        var waiting = new[] { await PublishAsync("s1", "waiting 1"), await PublishAsync("s1", "waiting 2") };
        await AwaitCondition.UntilAsync(() => transport.HandedOn == 3, because: "all three at the node");

        Assert.Equal(2, await Processing.QuietNodeAsync()); // work and batch

        await Logs.ExpectAsync(e => e.Message.Contains("Queue work (shared) quiet: takes no deliveries; 1 in flight, 2 not started handed back", StringComparison.Ordinal));
        Assert.True(Processing.GetStatus().Quiet);
        Assert.All(Processing.GetStatus().Queues, q => Assert.True(q.Quiet));
        Assert.False(Row("work").Paused);
        Gate.Release();
        await Recorder.WaitForHandledAsync(inFlight);
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.work") == (2, 0), because: "the two unstarted events wait, nobody consumes");
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.batch") == (0, 0), because: "the batch queue quiet too");
        Assert.Single(Recorder.Handled);
        Assert.Empty(Recorder.Retried);

        Assert.Equal(2, await Processing.ResumeNodeAsync());

        foreach (var id in waiting)
        {
            await Recorder.WaitForHandledAsync(id);
        }

        Assert.False(Processing.GetStatus().Quiet);
        Assert.DoesNotContain(Processing.GetStatus().Queues, q => q.Quiet);
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.batch") == (0, 1), because: "the batch queue subscribed again");
    }

    [Fact]
    public async Task Quieting_one_queue_leaves_the_other_queues_running()
    {
        await StartAsync();

        Assert.True(await Processing.QuietQueueAsync("work"));

        await AwaitCondition.UntilAsync(async () => (await BrokerAsync("qa.work")).Consumers == 0, because: "the work queue's subscription released");
        var quiet = await PublishAsync("s1", "while quiet");
        var other = await PublishAsync("s1", "on the batch queue", BatchQueue);
        await Recorder.WaitForHandledAsync(other);
        Assert.Equal((1, 0), await BrokerAsync("qa.work"));
        Assert.True(Row("work").Quiet);
        Assert.False(Row("batch").Quiet);
        Assert.False(Processing.GetStatus().Quiet);

        Assert.True(await Processing.UnquietQueueAsync("work"));
        await Recorder.WaitForHandledAsync(quiet);
        Assert.False(Row("work").Quiet);
    }

    [Fact]
    public async Task A_queue_takes_deliveries_only_when_neither_a_pause_nor_quiet_mode_holds_it()
    {
        await StartAsync();
        Assert.True(await Processing.PauseAsync("work"));
        await Processing.QuietNodeAsync();

        Assert.True(await Processing.ResumeAsync("work")); // the pause ends, quiet mode holds
        var first = await PublishAsync("s1", "first");
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.work") == (1, 0), because: "still quiet: nobody consumes");
        Assert.True(await Processing.UnquietQueueAsync("work")); // the node is quiet still
        Assert.Equal((false, true), (Row("work").Paused, Row("work").Quiet));

        Assert.True(await Processing.PauseAsync("work"));
        await Processing.ResumeNodeAsync(); // quiet mode ends, the pause holds
        Assert.Equal((true, false), (Row("work").Paused, Row("work").Quiet));
        Assert.Equal((1, 0), await BrokerAsync("qa.work"));
        Assert.Empty(Recorder.Handled);

        Assert.True(await Processing.ResumeAsync("work"));
        await Recorder.WaitForHandledAsync(first);
    }

    [Fact]
    public async Task Quiet_mode_lasts_across_a_restart_of_processing_and_holds_its_queues_from_their_start()
    {
        await StartAsync();
        await Processing.QuietNodeAsync();

        Assert.True(await Processing.RestartAsync(Processing.Settings, DrainTimeout));

        await Logs.ExpectAsync(e => e.Message.Contains("Queue work (shared) started quiet: broker queue qa.work is not consumed until resumed", StringComparison.Ordinal));
        var id = await PublishAsync("s1", "after the restart");
        Assert.True(Row("work").Quiet);
        Assert.Equal((1, 0), await BrokerAsync("qa.work"));
        await Processing.ResumeNodeAsync();
        await Recorder.WaitForHandledAsync(id);
    }

    [Fact]
    public async Task A_site_applied_while_the_node_is_quiet_starts_its_breakout_queue_quiet()
    {
        await StartAsync();
        await Processing.QuietNodeAsync();

        Assert.Equal(["qa.acme.work"], await Processing.ApplySiteAsync(new SiteDefinition { Name = "acme", Breakout = ["work"] }, DrainTimeout));

        var id = await PublishAsync("acme", "for acme");
        Assert.True(Row("work", "acme").Quiet);
        Assert.Equal((1, 0), await BrokerAsync("qa.acme.work"));
        await Processing.ResumeNodeAsync();
        await Recorder.WaitForHandledAsync(id);
    }

    [Fact]
    public async Task Quieting_a_queue_that_does_not_run_here_says_so()
    {
        await StartAsync();

        Assert.False(await Processing.QuietQueueAsync("unknown"));
        Assert.False(await Processing.UnquietQueueAsync("work", "acme"));
        Assert.DoesNotContain(Processing.GetStatus().Queues, q => q.Quiet);
        await Assert.ThrowsAsync<ArgumentException>(() => Processing.QuietQueueAsync("not a queue"));
    }
}
