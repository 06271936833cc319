using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Stats;
using QueueActors.Host.Cli.Check;
using Xunit;

namespace QueueActors.Tests.Check;

/// <summary>The checks' judgement over given answers: thresholds, per-queue overrides, the worst items named first.</summary>
public sealed class QueueChecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Backlog_uses_a_queues_own_thresholds_and_names_the_worst_queues()
    {
        var settings = CheckSettings.FromConfig(ConfigLoader.LoadText("queueactors.check.backlog.queues.email { warning = 5m, critical = 10m }"));
        QueueProcessingStatus[] rows = [Row("email", depth: 1000, averageMs: 100), Row("push", depth: 1000, averageMs: 40), Row("digest", depth: 10, averageMs: 1)];

        var outcome = QueueChecks.Backlog(rows, settings);

        Assert.Equal(CheckStatus.Warning, outcome.Status); // push: 40 s past 30 s; email: 100 s is within its own 5 m
        Assert.Equal("WARNING: qa.push 1000 waiting, 40s to clear (warning 30s, critical 60s)", outcome.Line);
        Assert.Equal([CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Warning], outcome.Items.Select(i => i.Status));
    }

    [Fact]
    public void Consumers_is_critical_for_a_configured_queue_that_no_worker_runs()
    {
        var outcome = QueueChecks.Consumers([Row("email", depth: 0, averageMs: null, consumers: 2)], ["qa.email", "qa.push"]);

        Assert.Equal("CRITICAL: qa.push has no consumer (no worker runs it)", outcome.Line);
        Assert.Equal("2 consumers", outcome.Items.Single(i => i.Name == "qa.email").Detail);
    }

    [Fact]
    public void Stuck_leaves_paused_and_quiet_queues_out_and_counts_from_the_start_when_nothing_finished()
    {
        var settings = CheckSettings.FromConfig(ConfigLoader.LoadText(""));
        var waiting = Row("email", depth: 5, averageMs: null) with { Stats = Stats("email", 5, null) with { RunningSince = Now.AddMinutes(-4) } };
        var paused = waiting with { Queue = "push", BrokerQueue = "qa.push", Paused = true };
        var quiet = waiting with { Queue = "sms", BrokerQueue = "qa.sms", Quiet = true };
        var fresh = waiting with { Queue = "digest", BrokerQueue = "qa.digest", Stats = waiting.Stats! with { RunningSince = Now.AddMinutes(-1) } };

        var outcome = QueueChecks.Stuck([("n1", waiting), ("n1", paused), ("n1", quiet), ("n1", fresh)], settings, Now);

        Assert.Equal("CRITICAL: qa.email@n1 has work (5 waiting, 0 in flight) and finished no event for 240s", outcome.Line);
        Assert.Equal(2, outcome.Items.Count);
    }

    [Fact]
    public void Memory_warns_past_nine_tenths_of_the_soft_limit()
    {
        var status = new NodeStatus("n1", ["worker"], [], [], 0, 950L * 1024 * 1024, 0, TimeSpan.Zero, "1") { SoftMemoryLimitBytes = 1024L * 1024 * 1024 };

        Assert.Equal("WARNING: n1 working set 950 MiB of soft limit 1024 MiB", MemoryCheck.Evaluate([status]).Line);
    }

    [Fact]
    public void The_soft_memory_limit_is_off_by_default_and_a_bad_one_names_its_key()
    {
        Assert.Null(NodeSettings.FromConfig(ConfigLoader.LoadText("")).SoftMemoryLimit);
        Assert.Equal(2L << 30, NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node.soft-memory-limit = 2GiB")).SoftMemoryLimit);

        var error = Assert.Throws<HoconException>(() => NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node.soft-memory-limit = lots", origin: "app.conf")));
        Assert.StartsWith("app.conf:1:38: queueactors.node.soft-memory-limit: expected auto, off, or a size of at least 1MiB", error.Message);
    }

    private static QueueProcessingStatus Row(string queue, long depth, double? averageMs, int consumers = 1) =>
        new(queue, null, "qa." + queue, false, false, 1, 0, 0, 0, 0) { Stats = Stats(queue, depth, averageMs, consumers) };

    private static QueueStats Stats(string queue, long depth, double? averageMs, int consumers = 1) =>
        new(queue, null, "qa." + queue, Now, averageMs, null, 0, null, null, Now, 0, depth, consumers);
}
