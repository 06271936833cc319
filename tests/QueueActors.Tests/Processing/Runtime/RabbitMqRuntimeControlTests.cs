using QueueActors.Actors.Processing;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Processing.RabbitMq;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;
using QueueActors.Actors.Sites;

namespace QueueActors.Tests.Processing.Runtime;

/// <summary>Pause, resume and a site applied at runtime on a real broker (its consumer count and backlog).</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRuntimeControlTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly HandlerGate _gate = new();

    [Fact]
    public async Task A_paused_queue_finishes_its_event_in_flight_leaves_new_ones_on_the_broker_and_handles_them_once_resumed()
    {
        Script.OnEvent = (e, _, _) => e.Text == "hold" ? _gate.PassAsync() : ValueTask.CompletedTask;
        await StartAsync(Config($"queueactors.messaging.persistent = [{WorkQueue}]"), await ConnectAsync());
        var brokerQueue = "qa." + WorkQueue;
        var inFlight = await PublishAsync("s1", "hold");
        await _gate.WaitForInsideAsync(1);

        Assert.True(await Harness.Processing.PauseAsync(WorkQueue));
        var waiting = new[] { await PublishAsync("s1", "meanwhile 1"), await PublishAsync("s1", "meanwhile 2") };
        _gate.Release();

        await Recorder.WaitForHandledAsync(inFlight, Wait);
        await AwaitCondition.UntilAsync(
            async () => await Harness.Transport.GetStatusAsync(brokerQueue) is { MessagesReady: 2, Consumers: 0 },
            Wait,
            "the new events wait on the broker queue, which has no consumer");
        Assert.Single(Recorder.Handled);

        Assert.True(await Harness.Processing.ResumeAsync(WorkQueue));
        foreach (var id in waiting)
        {
            await Recorder.WaitForHandledAsync(id, Wait);
        }

        Assert.Empty(Recorder.Retried); // nothing came back as a redelivery
    }

    [Fact]
    public async Task A_site_applied_at_runtime_is_consumed_from_its_own_broker_queue_and_removing_it_stops_that()
    {
        await StartAsync(Config(), await ConnectAsync());
        var brokerQueue = $"qa.acme.{WorkQueue}";

        Assert.Equal([brokerQueue], await Harness.Processing.ApplySiteAsync(new SiteDefinition { Name = "acme", Breakout = [WorkQueue] }, Wait));
        await Recorder.WaitForHandledAsync(await PublishAsync("acme", "to acme"), Wait);
        Assert.Equal(1, Harness.Processing.GetStatus().Queues.Single(q => q.Site == "acme").Handled);

        Assert.Empty(await Harness.Processing.RemoveSiteAsync("acme", Wait));
        await AwaitCondition.UntilAsync(async () => await Harness.Transport.GetStatusAsync(brokerQueue) is { Consumers: 0 }, Wait, "no consumer left");
    }
}
