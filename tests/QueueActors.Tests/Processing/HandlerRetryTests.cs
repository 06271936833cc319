using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class HandlerRetryTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task A_handler_that_fails_twice_is_retried_with_the_attempt_count_and_then_succeeds()
    {
        var attemptsSeen = new List<int>();
        Script.OnEvent = (_, context, _) =>
        {
            lock (attemptsSeen)
            {
                attemptsSeen.Add(context.Attempts);
            }

            return context.Attempts < 2 ? throw new InvalidOperationException("smtp down") : ValueTask.CompletedTask;
        };
        await StartAsync();

        var id = await PublishAsync("s1", "flaky");

        await Recorder.WaitForHandledAsync(id);
        Assert.Equal([0, 1, 2], attemptsSeen);
        Assert.Equal([1, 2], Recorder.Retried.Select(r => r.Attempt));
        Assert.All(Recorder.Retried, r => Assert.IsType<InvalidOperationException>(r.Error));
        Assert.Empty(Recorder.DeadLettered);
    }

    [Fact]
    public async Task A_failed_handler_actor_is_restarted_with_a_fresh_handler_instance()
    {
        Script.OnEvent = (e, _, _) => e.Text == "bad" ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask;
        await StartAsync("queueactors.processing.max-retries = 0");
        await Recorder.WaitForHandledAsync(await PublishAsync("s1", "first"));
        var before = Script.InstancesOf<ScriptedHandler>();

        var bad = await PublishAsync("s1", "bad");
        await Recorder.WaitForDeadLetterAsync(bad);
        var good = await PublishAsync("s1", "good");
        await Recorder.WaitForHandledAsync(good);

        Assert.Equal(1, before);
        Assert.Equal(2, Script.InstancesOf<ScriptedHandler>());
    }

    [Fact]
    public async Task Retries_wait_longer_each_time_by_the_configured_backoff()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("always");
        await StartAsync("queueactors.processing { max-retries = 3, retry-backoff { min = 20ms, max = 50ms, jitter = 0 } }");

        var id = await PublishAsync("s1", "x");
        await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal([20, 40, 50], Recorder.Retried.Select(r => (int)r.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task A_handler_that_outlives_the_timeout_fails_the_event_with_a_timeout()
    {
        Script.OnEvent = async (_, context, token) =>
        {
            if (context.Attempts == 0)
            {
                await Task.Delay(Timeout.Infinite, token);
            }
        };
        await StartAsync("queueactors.processing.queue-defaults.timeout = 100ms");

        var id = await PublishAsync("s1", "slow once");

        var retry = await Recorder.WaitForRetryAsync(id, 1);
        Assert.IsType<TimeoutException>(retry.Error);
        await Recorder.WaitForHandledAsync(id);
    }

    [Fact]
    public async Task A_handler_that_ignores_its_token_holds_its_concurrency_slot_until_it_really_ends_and_is_logged_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Script.OnEvent = async (e, _, _) =>
        {
            started.Enqueue(e.Text);
            if (e.Text == "deaf")
            {
                await release.Task; // never looks at its token
            }
        };
        await StartAsync("queueactors.processing.queue-defaults { timeout = 100ms, concurrency = 1, prefetch = 4 }\nqueueactors.processing.max-retries = 0");

        var deaf = await PublishAsync("s1", "deaf");
        await Recorder.WaitForDeadLetterAsync(deaf); // timed out and settled; its code still runs
        var next = await PublishAsync("s1", "next");

        await Recorder.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(["deaf"], started);
        Assert.Equal(1, Harness.Processing.GetStatus().Queues.Single(q => q.Queue == WorkQueue).InFlight);
        Assert.Single(Logs.Entries, e => e.Message.Contains("ignored its cancellation", StringComparison.Ordinal));

        release.SetResult();
        await Recorder.WaitForHandledAsync(next);
        Assert.Equal(["deaf", "next"], started);
    }
}
