using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.Runtime;

public sealed class PauseTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    [Fact]
    public async Task A_paused_queue_takes_no_deliveries_and_handles_the_waiting_events_once_resumed()
    {
        await StartAsync();

        Assert.True(await Processing.PauseAsync("work"));

        await AwaitCondition.UntilAsync(async () => (await BrokerAsync("qa.work")).Consumers == 0, because: "the subscription released");
        Assert.True(Row("work").Paused);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PublishAsync("s1", "meanwhile " + i));
        }

        Assert.Equal((3, 0), await BrokerAsync("qa.work"));
        Assert.Empty(Recorder.Handled);

        Assert.True(await Processing.ResumeAsync("work"));

        foreach (var id in ids)
        {
            await Recorder.WaitForHandledAsync(id);
        }

        Assert.False(Row("work").Paused);
        Assert.Equal((0, 1), await BrokerAsync("qa.work"));
    }

    [Fact]
    public async Task Pausing_lets_the_event_in_flight_finish_and_hands_back_the_unstarted_ones_uncounted()
    {
        HoldAtGate();
        var transport = Own(new CountingTransport());
        await StartAsync(transport: transport);
        var inFlight = await PublishAsync("s1", "hold");
        await Gate.WaitForInsideAsync(1);
        await PublishAsync("s1", "waiting 1");
        await PublishAsync("s1", "waiting 2");
        await AwaitCondition.UntilAsync(() => transport.HandedOn == 3, because: "all three at the node");

        Assert.True(await Processing.PauseAsync("work"));

        await Logs.ExpectAsync(e => e.Message.Contains("Queue work (shared) paused: takes no deliveries; 1 in flight, 2 not started handed back", StringComparison.Ordinal));
        Assert.Equal(1, Row("work").InFlight);
        Gate.Release();
        await Recorder.WaitForHandledAsync(inFlight);
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.work") == (2, 0), because: "the two unstarted events wait, nobody consumes");
        Assert.Single(Recorder.Handled);
        Assert.Empty(Recorder.Retried);

        // The observer hears of the handled event before the queue supervisor counts its handler's work done.
        await AwaitCondition.UntilAsync(() => Row("work").InFlight == 0, because: "the event in flight counted done");
    }

    [Fact]
    public async Task A_pause_lasts_across_a_restart_of_the_handler()
    {
        const string Config = "queueactors.processing { max-retries = 3, retry-backoff { min = 1ms, max = 1ms } }";
        var gate = new HandlerGate();
        Script.OnEvent = async (e, context, _) =>
        {
            if (context.Attempts == 0 && e.Text == "fails")
            {
                await gate.PassAsync();
                throw new InvalidOperationException("fails once");
            }
        };
        await StartAsync(Config);
        var failing = await PublishAsync("s1", "fails");
        await gate.WaitForInsideAsync(1);
        Assert.True(await Processing.PauseAsync("work"));
        var instances = Script.InstancesOf<ScriptedHandler>();

        gate.Release();

        await Recorder.WaitForRetryAsync(failing, 1);
        await AwaitCondition.UntilAsync(() => Script.InstancesOf<ScriptedHandler>() == instances + 1, because: "the handler restarted with a fresh instance");
        var later = await PublishAsync("s1", "later");
        await AwaitCondition.UntilAsync(async () => await BrokerAsync("qa.work") == (2, 0), because: "the retry and the new event wait: still paused");
        Assert.True(Row("work").Paused);
        Assert.Empty(Recorder.Handled);

        Assert.True(await Processing.ResumeAsync("work"));
        await Recorder.WaitForHandledAsync(failing);
        await Recorder.WaitForHandledAsync(later);
    }

    [Fact]
    public async Task Pausing_a_queue_that_does_not_run_here_says_so()
    {
        await StartAsync();

        Assert.False(await Processing.PauseAsync("unknown"));
        Assert.False(await Processing.PauseAsync("work", "acme")); // acme's events are on the shared queue
        Assert.False(await Processing.ResumeAsync("work", "acme"));
        Assert.DoesNotContain(Processing.GetStatus().Queues, q => q.Paused);
        await Assert.ThrowsAsync<ArgumentException>(() => Processing.PauseAsync("not a queue"));
    }
}
