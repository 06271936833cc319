using QueueActors.Actors.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class PublishAndHandleTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task A_published_event_reaches_its_handler_with_site_queue_and_payload()
    {
        var seen = new TaskCompletionSource<(TestEvent, HandlerContext)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = (e, context, _) =>
        {
            seen.TrySetResult((e, context));
            return ValueTask.CompletedTask;
        };
        await StartAsync();

        var id = await PublishAsync("example.com", "hello");

        var (@event, context) = await seen.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("hello", @event.Text);
        Assert.Equal("example.com", context.Site);
        Assert.Equal("work", context.Queue);
        Assert.Equal(id, context.MessageId);
        Assert.Equal(0, context.Attempts);
        await Recorder.WaitForHandledAsync(id);
    }

    [Fact]
    public async Task A_handled_event_is_acknowledged_so_nothing_is_left_on_the_broker_queue()
    {
        await StartAsync();

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await PublishAsync("s1", "event " + i));
        }

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 20, "20 events handled");
        var status = await Harness.Transport.GetStatusAsync("qa.work");
        Assert.Equal(0, status.MessagesReady);
        Assert.Equal(ids.Order(), Recorder.Handled.Select(h => h.Envelope.MessageId).Order());
        Assert.Empty(Recorder.Retried);
    }

    [Fact]
    public async Task The_event_is_not_acknowledged_before_its_handler_finished()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, _, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        };
        await StartAsync("queueactors.processing.queue-defaults { concurrency = 1, prefetch = 1 }");

        var id = await PublishAsync("s1", "slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await PublishAsync("s1", "waiting");

        // Prefetch 1: the broker holds the second event back for as long as the first is unacknowledged.
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync("qa.work")).MessagesReady);
        await Recorder.ExpectNothingAsync();
        release.SetResult();
        await Recorder.WaitForHandledAsync(id);
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 2, "the second event handled after the ack");
    }
}
