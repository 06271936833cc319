using System.Text.Json;
using QueueActors.Actors.Processing.Stats;
using QueueActors.Host.Cli.Check;
using QueueActors.TestKit;
using QueueActors.Tests.Host.Embedded;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Check;

/// <summary>Each <c>queueactors check</c> against the embedded node, in its OK state and in a failing one.</summary>
public sealed class EmbeddedCheckTests(EmbeddedCheckFixture fixture) : IClassFixture<EmbeddedCheckFixture>
{
    [Fact]
    public async Task Consumers_is_ok_while_the_queues_run_and_critical_naming_a_paused_one()
    {
        var ok = await fixture.CheckAsync("consumers");
        Assert.True(ok.Code == 0, ok.Output);
        Assert.StartsWith("OK: ", ok.Output);

        await fixture.Processing.PauseAsync("other");
        try
        {
            var (code, output) = await fixture.CheckAsync("consumers");
            Assert.True(code == (int)CheckStatus.Critical, output);
            Assert.StartsWith("CRITICAL: qa.other has no consumer", output);
        }
        finally
        {
            await fixture.Processing.ResumeAsync("other");
        }
    }

    [Fact]
    public async Task Consumers_is_critical_for_a_queue_a_registered_site_names_that_no_worker_runs()
    {
        var (added, addText) = await fixture.RunAsync("site", "add", "ghost.example", "--queue", "ghost", "--queue", "other", "--breakout", "ghost");
        Assert.True(added == 0, addText);
        try
        {
            var (code, output) = await fixture.CheckAsync("consumers");

            Assert.True(code == (int)CheckStatus.Critical, output);
            Assert.Equal("CRITICAL: qa.ghost.example.ghost has no consumer (no worker runs it)", output.Trim()); // its other queue runs on the shared qa.other
        }
        finally
        {
            Assert.Equal(0, (await fixture.RunAsync("site", "remove", "ghost.example")).Code);
        }
    }

    [Fact]
    public async Task Backlog_is_ok_with_an_empty_queue_and_critical_when_depth_times_consume_time_passes_the_queues_threshold()
    {
        await fixture.AwaitHandledAsync(await fixture.Publisher.PublishAsync("a.example", "other", new RecordedEvent("warm")));
        var ok = await fixture.CheckAsync("backlog", "--json");
        Assert.True(ok.Code == 0, ok.Output);
        Assert.Equal("ok", JsonDocument.Parse(ok.Output).RootElement.GetProperty("status").GetString());

        await fixture.Processing.PauseAsync("other");
        try
        {
            for (var i = 0; i < 50; i++)
            {
                await fixture.Publisher.PublishAsync("a.example", "other", new RecordedEvent("waiting"));
            }

            await AwaitCondition.UntilAsync(async () => await fixture.Node.ReadyAsync("qa.other") == 50, because: "50 events wait on the paused queue");
            var config = fixture.ConfigWith("queueactors.check.backlog.queues.other { warning = 1us, critical = 1us }");
            var (code, output) = await fixture.CheckAsync("backlog", "--config", config);
            Assert.True(code == (int)CheckStatus.Critical, output);
            Assert.StartsWith("CRITICAL: qa.other 50 waiting, ", output);
        }
        finally
        {
            await fixture.Node.Node.Backends.Transport.PurgeAsync("qa.other");
            await fixture.Processing.ResumeAsync("other");
        }
    }

    [Fact]
    public async Task Stuck_is_ok_when_idle_and_critical_for_a_queue_whose_event_stays_in_its_handler()
    {
        var ok = await fixture.CheckAsync("stuck");
        Assert.True(ok.Code == 0, ok.Output);

        var held = await fixture.Publisher.PublishAsync("a.example", "other", new RecordedEvent("hold"));
        await AwaitCondition.UntilAsync(() => fixture.Recorder.Held == 1, because: "the event is in its handler");
        var config = fixture.ConfigWith("queueactors.check.stuck-after = 1ms");
        var (code, output) = await fixture.CheckAsync("stuck", "--config", config);
        fixture.Recorder.Release();
        await fixture.AwaitHandledAsync(held);

        Assert.True(code == (int)CheckStatus.Critical, output);
        Assert.StartsWith("CRITICAL: qa.other@node-1 has work (0 waiting, 1 in flight) and finished no event for ", output);
    }

    [Fact]
    public async Task Memory_is_ok_for_a_node_without_a_soft_limit()
    {
        var (code, output) = await fixture.CheckAsync("memory");

        Assert.True(code == 0, output);
        Assert.StartsWith("OK: 1 node(s) within their soft memory limit", output);
    }

    [Fact]
    public async Task Send_receive_prints_the_round_trip_and_is_critical_when_no_worker_takes_the_probe()
    {
        var (code, output) = await fixture.CheckAsync("send-receive");
        Assert.True(code == 0, output);
        Assert.Matches(@"^OK: round trip [0-9.]+ ms through qa\.queueactors-probe", output);

        await fixture.Processing.PauseAsync(SendReceiveProbe.Queue);
        try
        {
            var critical = await fixture.CheckAsync("send-receive", "--warning", "100ms", "--critical", "500ms");
            Assert.True(critical.Code == (int)CheckStatus.Critical, critical.Output);
            Assert.StartsWith("CRITICAL: no worker handled the probe on qa.queueactors-probe within 0.5s", critical.Output);
        }
        finally
        {
            await fixture.Processing.ResumeAsync(SendReceiveProbe.Queue);
        }
    }

    [Fact]
    public async Task A_check_that_cannot_reach_the_cluster_is_unknown()
    {
        using var empty = new TempDirectory();

        var (code, output) = await fixture.CheckAsync("consumers", "--data-dir", empty.Path, "--config", fixture.Node.ConfigFile);

        Assert.True(code == (int)CheckStatus.Unknown, output);
        Assert.Contains("UNKNOWN: ", output);
    }
}
