using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class BatchAndConcurrencyTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task A_batch_handler_gets_the_events_that_waited_while_it_was_busy_in_one_call_up_to_batch_size()
    {
        var batches = new List<int>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnBatch = async (events, _) =>
        {
            lock (batches)
            {
                batches.Add(events.Count);
            }

            firstEntered.TrySetResult();
            await release.Task;
        };
        var transport = Own(new CountingTransport());
        await StartAsync("queueactors.processing.queue-overrides.batch { batch-size = 4, prefetch = 20 }", transport);

        await PublishAsync("s1", "first", "batch");
        await firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 6; i++)
        {
            await PublishAsync("s" + i, "later " + i, "batch");
        }

        await TestKit.AwaitCondition.UntilAsync(() => transport.HandedOn == 7, because: "all 7 deliveries handed to the queue supervisor");
        release.SetResult();

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 7, "7 handled");
        Assert.Equal([1, 4, 2], batches);
    }

    [Fact]
    public async Task A_queue_runs_as_many_handlers_at_once_as_its_concurrency_and_no_more()
    {
        var running = 0;
        var peak = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == 3)
            {
                allIn.TrySetResult();
            }

            await release.Task;
            Interlocked.Decrement(ref running);
        };
        await StartAsync("queueactors.processing.queue-defaults { concurrency = 3, prefetch = 10 }");

        for (var i = 0; i < 8; i++)
        {
            await PublishAsync("s1", "e" + i);
        }

        await allIn.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Recorder.ExpectNothingAsync();
        Assert.Equal(3, Volatile.Read(ref peak));
        release.SetResult();
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 8, "8 handled");
        Assert.Equal(3, Volatile.Read(ref peak));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
