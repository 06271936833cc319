using System.Diagnostics;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// A seed and three workers form one Akka cluster: <c>ctl cluster show</c> lists every member up with its roles, queues
/// and address; a worker killed with SIGKILL is downed by a node that finds its liveness lease free (GoneProcessDowner)
/// and removed, and the events it had taken are handled by the others, none lost; one stopped with SIGTERM leaves and
/// exits 0. <c>ctl actor tree</c> of one node.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class MembershipAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 24;
    private TestCluster _cluster = null!;

    [Fact]
    public async Task A_seed_and_three_workers_are_up_in_one_Akka_cluster_and_cluster_show_lists_each_with_its_status()
    {
        var members = await _cluster.MembersAsync();

        Assert.Equal(["seed1", "w1", "w2", "w3"], members.Keys.Order(StringComparer.Ordinal));
        Assert.All(members.Values, m => Assert.Equal("up", m.GetProperty("state").GetString()));
        Assert.Equal(["seed"], members["seed1"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        foreach (var (name, member) in members)
        {
            Assert.Equal(_cluster.AkkaAddress(name), member.GetProperty("address").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.String, member.GetProperty("version").ValueKind);
        }

        foreach (var worker in new[] { "w1", "w2", "w3" })
        {
            Assert.Equal(["worker"], members[worker].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains(_cluster.Queue, members[worker].GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        }
    }

    [Fact]
    public async Task A_killed_worker_is_downed_as_gone_and_removed_and_its_events_are_handled_by_the_others()
    {
        var publisher = await _cluster.PublisherAsync();
        var ids = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            ids.Add(await publisher.PublishAsync("s1", _cluster.Queue, new { action = "sleep", text = "event " + i }));
        }

        var victim = _cluster.Nodes.Single(n => n.Name == "w2").Process;
        await _cluster.AwaitMarkerAsync($"started.*.{victim.Id}");
        var clock = Stopwatch.StartNew();
        victim.KillHard();
        await victim.WaitForExitAsync();
        var takenByVictim = Directory.GetFiles(_cluster.Out, $"started.*.{victim.Id}").Select(f => Path.GetFileName(f).Split('.')[1]).ToHashSet(StringComparer.Ordinal);

        await AwaitStateAsync("w2", "removed");
        output.WriteLine($"w2 removed {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL (each poll starts a ctl process)");
        Assert.Contains(_cluster.Nodes, n => n.Name != "w2" && n.Process.Output.Contains("is gone: its process holds its liveness lease no more", StringComparison.Ordinal));
        var after = await _cluster.MembersAsync();
        Assert.All(after.Where(m => m.Key != "w2"), m => Assert.Equal("up", m.Value.GetProperty("state").GetString()));

        foreach (var id in ids)
        {
            await _cluster.AwaitMarkerAsync($"handled.{id}.*");
        }

        var unfinished = takenByVictim.Where(id => !_cluster.HasMarker($"handled.{id}.{victim.Id}")).ToList();
        Assert.All(unfinished, id => Assert.Single(Directory.GetFiles(_cluster.Out, $"handled.{id}.*")));
        output.WriteLine($"w2 had started {takenByVictim.Count} event(s), {unfinished.Count} unfinished, handled by the others");
    }

    [Fact]
    public async Task A_worker_stopped_with_SIGTERM_leaves_the_cluster_exits_0_and_is_listed_removed_while_the_others_stay_up()
    {
        var leaving = _cluster.Nodes.Single(n => n.Name == "w3").Process;

        await leaving.TerminateAsync();
        await leaving.WaitForExitAsync().WaitAsync(TestCluster.Wait);

        Assert.True(leaving.ExitCode == 0, $"w3 exited with {leaving.ExitCode}\n{leaving.Output}");
        await AwaitStateAsync("w3", "removed");
        var after = await _cluster.MembersAsync();
        Assert.All(after.Where(m => m.Key != "w3"), m => Assert.Equal("up", m.Value.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Actor_tree_shows_a_nodes_control_actor_and_the_seeds_relay_on_its_Akka_system()
    {
        var tree = await _cluster.CtlJsonAsync("actor", "tree", "seed1");

        var user = tree.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "user");
        var actors = user.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("actor").GetString());
        Assert.Equal("ControlActor", actors["control"]);
        Assert.Equal("ClusterSingletonManager", actors["control-relay"]);
        Assert.False(actors.ContainsKey("members"), "the heartbeat membership actor is gone");
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

    private Task AwaitStateAsync(string node, params string[] states) =>
        AwaitCondition.UntilAsync(
            async () => (await _cluster.MembersAsync()).TryGetValue(node, out var m) && states.Contains(m.GetProperty("state").GetString()),
            TestCluster.Wait,
            $"{node} to be {string.Join(" or ", states)}\n{_cluster.Outputs()}");
}
