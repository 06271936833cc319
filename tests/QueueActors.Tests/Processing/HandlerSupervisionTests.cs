using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.TestKit.Processing;
using Xunit;
using Xunit.Abstractions;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;

namespace QueueActors.Tests.Processing;

/// <summary>
/// The processing actors seen from Akka.TestKit: the harness runs on the test's actor system (<c>Sys</c>), so a
/// probe watches a handler actor at its path while events flow.
/// </summary>
public sealed class HandlerSupervisionTests(ITestOutputHelper output) : AkkaTestKit(output: output), IAsyncLifetime
{
    private readonly HandlerScript _script = new();
    private ProcessingHarness? _harness;

    private ProcessingHarness Harness => _harness ?? throw new InvalidOperationException("Call StartAsync first.");

    [Fact]
    public async Task A_failing_handler_actor_is_restarted_in_place_and_stops_with_processing()
    {
        _script.OnEvent = (e, _, _) => e.Text == "bad" ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask;
        await StartAsync("queueactors.processing { max-retries = 0, queue-defaults.concurrency = 1 }");
        var handler = await FirstHandlerAsync();
        Watch(handler);

        var bad = await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("bad"));
        await Harness.Recorder.WaitForDeadLetterAsync(bad);
        var good = await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("good"));
        await Harness.Recorder.WaitForHandledAsync(good);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // restarted (a fresh handler instance), not stopped
        Assert.Equal(2, _script.InstancesOf<ScriptedHandler>());

        Assert.True(await Harness.Processing.StopAsync(TimeSpan.FromSeconds(5)));
        ExpectTerminated(handler);
    }

    [Fact]
    public async Task A_handler_that_fails_after_an_await_is_restarted_in_place_and_gets_no_work_before()
    {
        // The turn fails on a thread-pool thread, after the actor's receive returned (the mailbox is not
        // suspended): the failure comes back to the actor, which fails, and the supervisor restarts it.
        _script.OnEvent = (e, _, _) => FailAfterAwaitAsync(e.Text == "bad");
        await StartAsync("queueactors.processing { max-retries = 0, queue-defaults.concurrency = 1 }");
        var handler = await FirstHandlerAsync();
        Watch(handler);

        var bad = await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("bad"));
        var good = await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("good"));
        await Harness.Recorder.WaitForDeadLetterAsync(bad);
        await Harness.Recorder.WaitForHandledAsync(good);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // restarted, not stopped
        Assert.Equal(2, _script.InstancesOf<ScriptedHandler>()); // "good" went to the fresh instance

        static async ValueTask FailAfterAwaitAsync(bool fail)
        {
            await Task.Yield();
            if (fail)
            {
                throw new InvalidOperationException("boom after an await");
            }
        }
    }

    [Fact]
    public async Task An_unlimited_restart_window_restarts_a_handler_actor_on_every_failure()
    {
        _script.OnEvent = (_, context, _) => context.Attempts < 4 ? throw new InvalidOperationException("down") : ValueTask.CompletedTask;
        await StartAsync("queueactors.processing { max-retries = 5, handler-restart-window { max-restarts = -1, within = 1m }, queue-defaults.concurrency = 1 }");
        var handler = await FirstHandlerAsync();
        Watch(handler);

        var id = await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("flaky"));
        await Harness.Recorder.WaitForHandledAsync(id);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // four failures within the window, and never stopped
        Assert.Equal(4, Harness.Recorder.Retried.Count);
        Assert.Equal(5, _script.InstancesOf<ScriptedHandler>());
    }

    /// <summary>The queue supervisor starts its handler actors after the harness has started: resolved once there.</summary>
    private async Task<IActorRef> FirstHandlerAsync()
    {
        IActorRef? handler = null;
        await AwaitAssertAsync(async () => handler = await Sys.ActorSelection("/user/shared/work/handler-1").ResolveOne(TimeSpan.FromSeconds(1)));
        return handler!;
    }

    private async Task StartAsync(string config) =>
        _harness = await ProcessingHarness.StartAsync(
            services => services.AddSingleton(_script).AddQueueHandler<ScriptedHandler>("work"),
            config,
            system: Sys);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync(); // before TestKit terminates Sys
        }
    }
}
