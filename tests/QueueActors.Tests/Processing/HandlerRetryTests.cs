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
}
