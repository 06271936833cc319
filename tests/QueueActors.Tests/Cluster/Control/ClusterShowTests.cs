using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

public sealed class ClusterShowTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task Cluster_show_lists_every_member_with_state_roles_sites_queues_load_and_version()
    {
        await StartNodeAsync("node-a");
        var seedStatus = new NodeStatus("node-s", [NodeSettings.SeedRole], ["site-a"], ["email", "digest"], 3, 50 << 20, 20 << 20, TimeSpan.FromHours(2), "9.9.9");
        await StartNodeAsync("node-s", [NodeSettings.SeedRole], new Fixed(seedStatus));
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(ControlCommands.ClusterShow) { TargetNode = "node-a" });

        var reply = Assert.Single(result.Served).Reply;
        Assert.Contains("2 member(s), as seen by node-a", reply.Text, StringComparison.Ordinal);
        Assert.Contains("node-s", reply.Text, StringComparison.Ordinal);
        var members = reply.Data!.Value.EnumerateArray().ToList();
        Assert.Equal(["node-a", "node-s"], members.Select(m => m.GetProperty("node").GetString()));
        var seed = members[1];
        Assert.Equal("up", seed.GetProperty("state").GetString());
        Assert.Equal(["seed"], seed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["site-a"], seed.GetProperty("sites").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["email", "digest"], seed.GetProperty("queues").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(3, seed.GetProperty("inFlight").GetInt64());
        Assert.Equal(50 << 20, seed.GetProperty("workingSetBytes").GetInt64());
        Assert.Equal(20 << 20, seed.GetProperty("gcHeapBytes").GetInt64());
        Assert.Equal("02:00:00", seed.GetProperty("uptime").GetString());
        Assert.Equal("9.9.9", seed.GetProperty("version").GetString());
        Assert.StartsWith("akka.tcp://qa@127.0.0.1:", seed.GetProperty("address").GetString(), StringComparison.Ordinal);
    }

    private sealed class Fixed(NodeStatus status) : INodeStatusProvider
    {
        public NodeStatus GetStatus() => status;
    }
}
