using System.Diagnostics;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// A seed and one worker, the smallest cluster: with the default resolver (lease-majority, the lease an exclusive
/// queue on the broker) the node left after a kill -9 of the other stays up, downs the dead one and keeps working.
/// (Every majority strategy downed the survivor of two when the oldest was killed.)
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class TwoNodeClusterTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task When_the_worker_is_killed_the_seed_stays_up_and_removes_it()
    {
        await KillAndAwaitRemovalAsync("w1", "seed1");

        var (code, text) = await _cluster.CliAsync("dead", "list");
        Assert.True(code == 0, $"dead list on the seed left: exit {code}\n{text}");
    }

    [Fact]
    public async Task When_the_seed_is_killed_the_worker_stays_up_removes_it_and_keeps_handling_events()
    {
        await KillAndAwaitRemovalAsync("seed1", "w1");

        var publisher = await _cluster.PublisherAsync();
        var id = await publisher.PublishAsync("s1", _cluster.Queue, new { action = "ok", text = "after the seed died" });
        await _cluster.AwaitMarkerAsync($"handled.{id}.*");
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task KillAndAwaitRemovalAsync(string victim, string survivor)
    {
        var process = _cluster.Nodes.Single(n => n.Name == victim).Process;
        var clock = Stopwatch.StartNew();
        process.KillHard();
        await process.WaitForExitAsync();

        await AwaitCondition.UntilAsync(
            async () => (await _cluster.MembersAsync()).TryGetValue(victim, out var m) && m.GetProperty("state").GetString() is "down" or "removed",
            TestCluster.Wait,
            $"{victim} to be downed by {survivor}\n{_cluster.Outputs()}");
        output.WriteLine($"{victim} downed {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL");

        var members = await _cluster.MembersAsync();
        Assert.Equal("up", members[survivor].GetProperty("state").GetString());
        var left = _cluster.Nodes.Single(n => n.Name == survivor).Process;
        Assert.False(left.HasExited, $"{survivor} exited with {(left.HasExited ? left.ExitCode : 0)}\n{left.Output}");
    }
}
