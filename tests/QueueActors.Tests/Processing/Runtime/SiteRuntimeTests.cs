using System.Collections.Concurrent;
using QueueActors.Actors.Processing;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;
using QueueActors.Actors.Sites;

namespace QueueActors.Tests.Processing.Runtime;

public sealed class SiteRuntimeTests(ITestOutputHelper output) : RuntimeTestBase(output)
{
    private static SiteDefinition Acme(int concurrency = 1, bool enabled = true) => new()
    {
        Name = "acme",
        Enabled = enabled,
        Breakout = ["work"],
        Concurrency = new Dictionary<string, int> { ["work"] = concurrency },
    };

    [Fact]
    public async Task Applying_a_site_starts_its_breakout_queue_and_its_events_are_handled_from_there()
    {
        var sites = new ConcurrentDictionary<string, string>();
        Script.OnEvent = (e, context, _) =>
        {
            sites[e.Text] = context.Site;
            return ValueTask.CompletedTask;
        };
        await StartAsync();
        Assert.Equal("qa.work", Harness.Topology.BrokerQueueFor("acme", "work"));

        var running = await Processing.ApplySiteAsync(Acme(), DrainTimeout);

        Assert.Equal(["qa.acme.work"], running);
        Assert.Contains("qa.acme.work", Processing.BrokerQueues);
        Assert.Equal("qa.acme.work", Harness.Topology.BrokerQueueFor("acme", "work"));
        Assert.Equal("qa.work", Harness.Topology.BrokerQueueFor("other", "work"));
        await Recorder.WaitForHandledAsync(await PublishAsync("acme", "for acme"));
        await Recorder.WaitForHandledAsync(await PublishAsync("other", "for other"));
        Assert.Equal("acme", sites["for acme"]);
        Assert.Equal(1, Row("work", "acme").Handled); // it came through qa.acme.work
        Assert.Equal(1, Row("work").Handled);
        Assert.Equal((0, 1), await BrokerAsync("qa.acme.work"));
    }

    [Fact]
    public async Task Reapplying_a_site_with_another_concurrency_restarts_its_queue_with_that_many_handlers()
    {
        HoldAtGate();
        await StartAsync();
        await Processing.ApplySiteAsync(Acme(concurrency: 1), DrainTimeout);
        Assert.Equal(1, Row("work", "acme").Concurrency);

        await Processing.ApplySiteAsync(Acme(concurrency: 3), DrainTimeout);

        Assert.Equal(3, Row("work", "acme").Concurrency);
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync("acme", "hold " + i);
        }

        await Gate.WaitForInsideAsync(3); // three at once: one handler could hold only one
        Gate.Release();
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 3, "all three handled");
        Assert.Equal(0, (await BrokerAsync("qa.acme.work")).Ready);
    }

    [Fact]
    public async Task Reapplying_the_same_site_leaves_its_queue_running()
    {
        await StartAsync();
        await Processing.ApplySiteAsync(Acme(), DrainTimeout);
        await AwaitCondition.UntilAsync(() => Script.InstancesOf<ScriptedHandler>() == 2, because: "the handler actors of qa.work and qa.acme.work to start");
        var instances = Script.InstancesOf<ScriptedHandler>();

        Assert.Equal(["qa.acme.work"], await Processing.ApplySiteAsync(Acme(), DrainTimeout));

        Assert.Equal(instances, Script.InstancesOf<ScriptedHandler>()); // no handler was started again
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("stops taking events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_a_site_finishes_the_event_in_flight_keeps_the_unstarted_ones_and_stops_consuming()
    {
        HoldAtGate();
        var transport = Own(new CountingTransport());
        await StartAsync(transport: transport);
        await Processing.ApplySiteAsync(Acme(), DrainTimeout);
        var inFlight = await PublishAsync("acme", "hold");
        await Gate.WaitForInsideAsync(1);
        await PublishAsync("acme", "waiting 1");
        await PublishAsync("acme", "waiting 2");
        await AwaitCondition.UntilAsync(() => transport.HandedOn == 3, because: "all three at the node");

        var removing = Processing.RemoveSiteAsync("acme", DrainTimeout);
        await Logs.ExpectAsync(e => e.Message.Contains("(site acme) stops taking events; 1 in flight, 2 not started", StringComparison.Ordinal));
        Assert.False(removing.IsCompleted);
        Gate.Release();

        Assert.Empty(await removing);
        await Recorder.WaitForHandledAsync(inFlight);
        Assert.Single(Recorder.Handled);
        Assert.Equal((2, 0), await BrokerAsync("qa.acme.work")); // nothing lost, nobody consumes them
        Assert.DoesNotContain(Processing.GetStatus().Queues, q => q.Site == "acme");
        Assert.Equal("qa.work", Harness.Topology.BrokerQueueFor("acme", "work"));
        await Recorder.WaitForHandledAsync(await PublishAsync("acme", "after removal")); // on the shared queue again
    }

    [Fact]
    public async Task Disabling_a_site_stops_its_queue_while_its_events_keep_waiting_on_it()
    {
        await StartAsync();
        await Processing.ApplySiteAsync(Acme(), DrainTimeout);

        Assert.Empty(await Processing.ApplySiteAsync(Acme(enabled: false), DrainTimeout));

        Assert.Equal("qa.acme.work", Harness.Topology.BrokerQueueFor("acme", "work"));
        await PublishAsync("acme", "while disabled");
        Assert.Equal((1, 0), await BrokerAsync("qa.acme.work"));
        await Processing.ApplySiteAsync(Acme(), DrainTimeout);
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 1, "handled once enabled again");
    }

    [Fact]
    public async Task An_invalid_site_definition_is_refused_with_the_reason()
    {
        await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Processing.ApplySiteAsync(Acme(concurrency: 0), DrainTimeout));

        Assert.Contains("concurrency of work must be from 1 to 65535, not 0", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Processing.ApplySiteAsync(new SiteDefinition { Name = "bad/site" }, DrainTimeout));
        Assert.Equal("qa.work", Harness.Topology.BrokerQueueFor("acme", "work"));
    }
}
