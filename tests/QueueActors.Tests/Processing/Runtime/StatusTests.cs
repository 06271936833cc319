using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.Runtime;

public sealed class StatusTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    [Fact]
    public async Task Status_counts_handled_failed_and_dead_lettered_events_and_those_in_flight()
    {
        Script.OnEvent = (e, _, _) => e.Text switch
        {
            "fail" => throw new InvalidOperationException("broken"),
            "hold" => Gate.PassAsync(),
            _ => ValueTask.CompletedTask,
        };
        await StartAsync("queueactors.processing.max-retries = 0");

        await Recorder.WaitForHandledAsync(await PublishAsync("s1", "ok"));
        await Recorder.WaitForHandledAsync(await PublishAsync("s1", "ok"));
        await Recorder.WaitForDeadLetterAsync(await PublishAsync("s1", "fail"));
        await PublishAsync("s1", "hold");
        await Gate.WaitForInsideAsync(1);

        var status = Processing.GetStatus();
        var work = Assert.Single(status.Queues, q => q.Queue == "work");
        Assert.Equal(("qa.work", null as string, 1, 2L, 1L, 1L), (work.BrokerQueue, work.Site, work.InFlight, work.Handled, work.Failed, work.DeadLettered));
        Assert.False(work.Paused);
        Assert.False(work.CircuitOpen);
        Assert.True(status.Running);
        Assert.Equal((1, 2L, 1L, 1L), (status.InFlight, status.Handled, status.Failed, status.DeadLettered));
        Assert.Equal(0, Row("batch").Handled);

        Gate.Release();
        await AwaitCondition.UntilAsync(() => Processing.GetStatus().InFlight == 0 && Row("work").Handled == 3, because: "the held event finished");
    }

    [Fact]
    public async Task Status_shows_an_open_circuit()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("down");
        await StartAsync("queueactors.processing { circuit-breaker { failures = 2, min-backoff = 1m, max-backoff = 1m } }");

        await PublishAsync("s1", "first");
        await PublishAsync("s1", "second");

        await AwaitCondition.UntilAsync(() => Row("work").CircuitOpen, because: "two failures in a row open the circuit");
        Assert.Equal(2, Row("work").Failed);
        Assert.False(Row("batch").CircuitOpen);
    }
}
