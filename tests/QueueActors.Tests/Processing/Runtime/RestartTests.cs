using QueueActors.Actors.Processing;
using Xunit;
using Xunit.Abstractions;
using QueueActors.Actors.Sites;

namespace QueueActors.Tests.Processing.Runtime;

public sealed class RestartTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    [Fact]
    public async Task Restarting_drains_the_work_in_flight_and_starts_again_with_the_new_settings()
    {
        HoldAtGate();
        await StartAsync();
        Assert.Equal(1, Row("work").Concurrency);
        var inFlight = await PublishAsync("s1", "hold");
        await Gate.WaitForInsideAsync(1);
        var fresh = Processing.Settings with { QueueDefaults = Processing.Settings.QueueDefaults with { Concurrency = 4 } };

        var restarting = Processing.RestartAsync(fresh, DrainTimeout);
        await Logs.ExpectAsync(e => e.Message.Contains("Queue work (shared) stops taking events; 1 in flight", StringComparison.Ordinal));
        Assert.False(restarting.IsCompleted);
        Gate.Release();

        Assert.True(await restarting);
        await Recorder.WaitForHandledAsync(inFlight);
        Assert.Same(fresh, Processing.Settings);
        Assert.Equal(4, Row("work").Concurrency);
        Assert.Equal(0, Row("work").Handled); // counted since the restart
        await Recorder.WaitForHandledAsync(await PublishAsync("s1", "after the restart"));
        Assert.Equal(1, Row("work").Handled);
    }

    [Fact]
    public async Task A_restart_keeps_the_applied_sites_and_the_pauses()
    {
        await StartAsync();
        await Processing.ApplySiteAsync(new SiteDefinition { Name = "acme", Breakout = ["work"], Concurrency = new Dictionary<string, int> { ["work"] = 2 } }, DrainTimeout);
        Assert.True(await Processing.PauseAsync("work"));

        Assert.True(await Processing.RestartAsync(Processing.Settings with { MaxRetries = 7 }, DrainTimeout));

        Assert.Equal(2, Row("work", "acme").Concurrency);
        Assert.True(Row("work").Paused);
        var waiting = await PublishAsync("s1", "to the paused shared queue");
        await Recorder.WaitForHandledAsync(await PublishAsync("acme", "to the site"));
        Assert.Equal(1, (await BrokerAsync("qa.work")).Ready);
        Assert.True(await Processing.ResumeAsync("work"));
        await Recorder.WaitForHandledAsync(waiting);
    }

    [Fact]
    public async Task A_stopped_service_does_not_restart()
    {
        await StartAsync();
        await Processing.StopAsync(DrainTimeout);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Processing.RestartAsync(Processing.Settings, DrainTimeout));
        Assert.False(Processing.GetStatus().Running);
    }
}
