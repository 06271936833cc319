using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// A node the Akka cluster downs stops and exits with <see cref="ExitCodes.Downed"/>, never 0, so a supervisor restarts
/// it. Two nodes: when one is killed, keep-majority (an even split) keeps the side with the lowest address, so killing
/// the node with the lower port makes the resolver down the survivor (the case a lease will settle, issue [7]).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class DownedNodeExitTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task A_node_downed_by_the_split_brain_resolver_exits_with_its_own_exit_code()
    {
        // keep-majority named here, not taken from reference.conf: a two-node cluster under lease-majority keeps the survivor.
        // And the downing of gone members off, or the killed node would be downed first.
        const string KeepMajority = "akka.cluster.split-brain-resolver.active-strategy = keep-majority\nqueueactors.cluster.down-gone-members = off";
        var a = _cluster.StartNode("a", "seed, worker", KeepMajority);
        var b = _cluster.StartNode("b", "worker", KeepMajority);
        await _cluster.AwaitMembersUpAsync("a", "b");
        var (killed, survivor, name) = _cluster.RemotingPort("a") < _cluster.RemotingPort("b") ? (a, b, "b") : (b, a, "a");

        killed.KillHard();
        await killed.WaitForExitAsync();

        await survivor.WaitForExitAsync().WaitAsync(TestCluster.Wait * 2);
        output.WriteLine($"{name} exited with {survivor.ExitCode}");
        Assert.True(survivor.ExitCode == ExitCodes.Downed, $"{name} exited with {survivor.ExitCode}\n{survivor.Output}");
        Assert.Contains("ClusterDowningReason", survivor.Output, StringComparison.Ordinal);
        Assert.Contains($"node {name} was downed by the cluster", survivor.Output, StringComparison.Ordinal);
    }

    public Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
