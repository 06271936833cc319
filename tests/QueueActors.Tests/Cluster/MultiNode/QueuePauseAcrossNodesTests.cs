using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// <c>ctl queue pause|resume</c> across a seed and a worker: the queue the worker runs is paused and resumed (exit
/// 0, the worker's answer only); a queue no node runs is said so, exit 4 (issue 5, item 9).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class QueuePauseAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Pausing_a_queue_no_node_runs_says_so_and_exits_4()
    {
        var (code, text) = await _cluster.CliAsync("ctl", "queue", "pause", "nowhere-" + _cluster.Id);
        var (resumeCode, resumeText) = await _cluster.CliAsync("ctl", "queue", "resume", "nowhere-" + _cluster.Id, "--site", "s1");

        Assert.True(code == ExitCodes.CommandFailed, text);
        Assert.Contains($"no node runs queue nowhere-{_cluster.Id}", text, StringComparison.Ordinal);
        Assert.True(resumeCode == ExitCodes.CommandFailed, resumeText);
        Assert.Contains($"no node runs queue nowhere-{_cluster.Id} of site s1", resumeText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pausing_a_queue_a_worker_runs_answers_with_that_worker_and_exits_0()
    {
        var (code, text) = await _cluster.CliAsync("ctl", "queue", "pause", _cluster.Queue);
        var (resumeCode, resumeText) = await _cluster.CliAsync("ctl", "queue", "resume", _cluster.Queue);

        Assert.True(code == ExitCodes.Ok, text);
        Assert.Contains($"qa.{_cluster.Queue} paused", text, StringComparison.Ordinal);
        Assert.DoesNotContain("seed1", text, StringComparison.Ordinal);
        Assert.True(resumeCode == ExitCodes.Ok, resumeText);
        Assert.Contains($"qa.{_cluster.Queue} resumed", resumeText, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
