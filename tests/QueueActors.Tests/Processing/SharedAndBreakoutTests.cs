using QueueActors.Actors.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class SharedAndBreakoutTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    private const string Breakout = """queueactors.messaging.breakout = ["slow.example/work"]""";

    [Fact]
    public async Task A_broken_out_site_is_consumed_from_its_own_broker_queue_and_the_others_from_the_shared_one()
    {
        var sites = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        Script.OnEvent = (e, context, _) =>
        {
            sites[e.Text] = context.Site;
            return ValueTask.CompletedTask;
        };
        await StartAsync(Breakout);

        Assert.Equal(["qa.batch", "qa.work", "qa.slow.example.work"], Harness.Processing.BrokerQueues);
        var slow = await PublishAsync("slow.example", "to slow");
        var fast = await PublishAsync("fast.example", "to fast");

        await Recorder.WaitForHandledAsync(slow);
        await Recorder.WaitForHandledAsync(fast);
        Assert.Equal("slow.example", sites["to slow"]);
        Assert.Equal("fast.example", sites["to fast"]);
    }

    [Fact]
    public async Task A_slow_breakout_site_does_not_delay_another_site()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, context, _) =>
        {
            if (context.Site == "slow.example")
            {
                await release.Task;
            }
        };
        await StartAsync(Breakout);

        for (var i = 0; i < 3; i++)
        {
            await PublishAsync("slow.example", "stuck " + i);
        }

        var fast = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            fast.Add(await PublishAsync("fast.example", "quick " + i));
        }

        foreach (var id in fast)
        {
            await Recorder.WaitForHandledAsync(id);
        }

        Assert.DoesNotContain(Recorder.Handled, h => h.Envelope.Site == "slow.example");
        release.SetResult();
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 8, "the slow site's events handled once released");
    }

    [Fact]
    public async Task Process_queue_with_a_site_runs_only_that_sites_processor()
    {
        await StartAsync(Breakout, filter: new ProcessingFilter("work", "slow.example"));

        Assert.Equal(["qa.slow.example.work"], Harness.Processing.BrokerQueues);
    }
}
