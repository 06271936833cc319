using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class GracefulShutdownTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task Stopping_finishes_the_event_in_flight_and_hands_back_the_unstarted_ones_uncounted()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (e, _, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        };
        var transport = Own(new CountingTransport());
        await StartAsync("queueactors.processing.queue-defaults { concurrency = 1, prefetch = 10 }", transport);
        var inFlight = await PublishAsync("s1", "in flight");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 4; i++)
        {
            await PublishAsync("s1", "waiting " + i);
        }

        await TestKit.AwaitCondition.UntilAsync(() => transport.HandedOn == 5, because: "all 5 at the node");

        var stopping = Harness.Processing.StopAsync(TimeSpan.FromSeconds(10));
        await TestKit.AwaitCondition.UntilAsync(() => Logs.Entries.Any(e => e.Message.Contains("stops taking events; 1 in flight, 4 not started", StringComparison.Ordinal)));
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        Assert.True(await stopping);

        await Recorder.WaitForHandledAsync(inFlight);
        Assert.Single(Recorder.Handled);
        Assert.Empty(Recorder.Retried);
        var probe = new DeliveryProbe();
        await using var after = await transport.SubscribeAsync(Harness.Topology.SharedSpec("work"), 10, probe.OnDeliveryAsync);
        for (var i = 0; i < 4; i++)
        {
            var back = await probe.ExpectAsync();
            Assert.Equal(1, back.DeliveryCount); // handed back, not a redelivery: it counts no attempt
            Assert.Equal(0, back.Envelope.Attempts);
            await back.AckAsync();
        }
    }

    [Fact]
    public async Task Stopping_past_the_timeout_leaves_the_unfinished_event_to_the_broker()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, _, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        };
        await StartAsync();
        await PublishAsync("s1", "never ends");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(await Harness.Processing.StopAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Empty(Recorder.Handled);
        Assert.Empty(Recorder.DeadLettered);
    }

    [Fact]
    public async Task Stopping_past_the_timeout_cancels_the_token_of_the_handler_still_running()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, _, token) =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        };
        await StartAsync();
        await PublishAsync("s1", "never ends");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(await Harness.Processing.StopAsync(TimeSpan.FromMilliseconds(200)));

        // Akka runs the handler actor's PostStop although its turn still awaits: that cancels the handler's token.
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(Recorder.Handled);
    }
}
