using System.Diagnostics;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary><c>ctl cluster show</c> over several node processes: every member with its roles and queues, and a killed one marked unreachable; <c>ctl actor tree</c> of one.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class MembershipAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Cluster_show_lists_every_node_up_and_a_killed_worker_becomes_unreachable_within_failure_detection()
    {
        var members = await _cluster.MembersAsync();

        Assert.Equal(["seed1", "w1", "w2", "w3"], members.Keys.Order(StringComparer.Ordinal));
        Assert.All(members.Values, m => Assert.Equal("up", m.GetProperty("state").GetString()));
        Assert.Equal(["seed"], members["seed1"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        foreach (var worker in new[] { "w1", "w2", "w3" })
        {
            Assert.Equal(["worker"], members[worker].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains(_cluster.Queue, members[worker].GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        }

        var victim = _cluster.Nodes.Single(n => n.Name == "w2").Process;
        var clock = Stopwatch.StartNew();
        victim.KillHard();
        await victim.WaitForExitAsync();
        await TestKit.AwaitCondition.UntilAsync(
            async () => (await _cluster.MembersAsync()).TryGetValue("w2", out var m) && m.GetProperty("state").GetString() == "unreachable",
            TestCluster.Wait,
            "w2 to become unreachable");
        var detected = clock.Elapsed;

        output.WriteLine($"w2 seen unreachable {detected.TotalSeconds:0.0} s after the kill (failure-detection 2 s; each poll starts a ctl process)");
        Assert.True(detected < TimeSpan.FromSeconds(10), $"unreachable only after {detected}");
        var after = await _cluster.MembersAsync();

        // The view itself says when it gave up on w2: failure-detection (2 s) after its last heartbeat, give or take a check.
        var silence = after["w2"].GetProperty("since").GetDateTimeOffset() - after["w2"].GetProperty("lastHeartbeat").GetDateTimeOffset();
        output.WriteLine($"w2 marked unreachable {silence.TotalMilliseconds:0} ms after its last heartbeat");
        Assert.InRange(silence, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)); // room for a late check on a loaded machine
        Assert.All(after.Where(m => m.Key != "w2"), m => Assert.Equal("up", m.Value.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Actor_tree_shows_a_nodes_control_and_membership_actors_on_its_Akka_system()
    {
        var tree = await _cluster.CtlJsonAsync("actor", "tree", "w1");

        var user = tree.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "user");
        var actors = user.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("actor").GetString());
        Assert.Equal("ControlActor", actors["control"]);
        Assert.Equal("MembershipActor", actors["members"]);
        Assert.StartsWith("akka://queueactors/", tree.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        foreach (var worker in new[] { "w1", "w2", "w3" })
        {
            _cluster.StartNode(worker, "worker");
        }

        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2", "w3");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
