using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>The broker goes away under a running node: nothing published to a persistent queue is lost.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqResilienceTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_broker_restart_mid_run_loses_nothing_on_a_persistent_queue()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, _, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
        };
        var transport = await ConnectAsync();
        await StartAsync(Config($$"""
            queueactors.messaging.persistent = [{{WorkQueue}}]
            queueactors.processing.queue-defaults { concurrency = 4, prefetch = 8 }
            """), transport);
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await PublishAsync("s1", "event " + i));
        }

        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.ServerReady += _ => back.TrySetResult();
        await Brokers.Primary.RestartAsync();
        await back.Task.WaitAsync(Recovery);
        gate.SetResult();

        await Recorder.WaitUntilAsync(r => ids.All(id => r.Handled.Any(h => h.Envelope.MessageId == id)), "every event handled after the restart", Recovery);
        Assert.Empty(Recorder.DeadLettered);
    }

    [Fact]
    public async Task With_two_brokers_one_stopped_publishes_fail_over_and_consumption_goes_on()
    {
        var secondary = await Brokers.GetSecondaryAsync();
        await StartAsync(Config(), await ConnectAsync(Brokers.Primary.AmqpUri, secondary.AmqpUri));
        var before = await PublishAsync("s1", "both up");
        await Recorder.WaitForHandledAsync(before, TimeSpan.FromSeconds(10));

        await secondary.StopAsync();
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                ids.Add(await PublishAsync("s1", "one down " + i)); // a random server first: half would go to the stopped one
            }

            foreach (var id in ids)
            {
                await Recorder.WaitForHandledAsync(id, TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            await secondary.StartAsync();
        }
    }
}
