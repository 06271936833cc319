using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>A command signed with another secret reaches every node of a running cluster: each rejects and logs it, nothing changes.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ForgedCommandTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string RejectionLine = "Rejected a control command";
    private TestCluster _cluster = null!;

    [Fact]
    public async Task A_command_signed_with_another_secret_gets_no_answer_is_logged_by_every_node_and_changes_nothing()
    {
        var forged = "forged-" + _cluster.Id;
        Assert.All(_cluster.Nodes, n => Assert.DoesNotContain(RejectionLine, n.Process.Output));

        var (exitCode, forgerOutput) = await _cluster.CliWithConfigAsync(_cluster.ForgerConfigFile(), "site", "add", forged, "--breakout", _cluster.Queue, "--timeout", "2s");

        Assert.True(exitCode == ExitCodes.NoAnswer, forgerOutput);
        Assert.Contains("no answer", forgerOutput);
        await TestKit.AwaitCondition.UntilAsync(
            () => _cluster.Nodes.All(n => n.Process.Output.Contains(RejectionLine, StringComparison.Ordinal)),
            TestCluster.Wait,
            "every node to log the rejection");
        Assert.All(_cluster.Nodes, n => Assert.False(n.Process.HasExited, n.Name + " stopped"));
        var (listed, sites) = await _cluster.CliAsync("site", "list");
        Assert.True(listed == 0, sites);
        Assert.DoesNotContain(forged, sites);
        var queues = await _cluster.CtlJsonAsync("queue", "list");
        Assert.DoesNotContain(forged, queues.GetRawText());
        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2");
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        _cluster.StartNode("w2", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
