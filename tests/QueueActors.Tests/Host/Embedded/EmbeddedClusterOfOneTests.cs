using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Host.Node;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>The embedded node (no broker, no seed nodes) is an Akka cluster of one that joined itself: nothing to configure.</summary>
public sealed class EmbeddedClusterOfOneTests
{
    [Fact]
    public async Task The_embedded_node_joins_itself_and_cluster_show_lists_it_up_with_its_address_and_roles()
    {
        await using var embedded = await RunningEmbeddedNode.StartAsync();
        var system = embedded.Node.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        var cluster = Akka.Cluster.Cluster.Get(system);
        await AwaitCondition.UntilAsync(() => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(30), "the node to be Up in its own cluster");

        Assert.Equal("127.0.0.1", cluster.SelfAddress.Host);
        Assert.Equal(["seed", "worker"], cluster.SelfMember.Roles.Order(StringComparer.Ordinal));
        var client = embedded.Node.Services.GetRequiredService<NodeRuntime>().Client!;
        JsonElement self = default;
        await AwaitCondition.UntilAsync(
            async () =>
            {
                // The status half of a row comes with the node's first heartbeat.
                var result = await client.SendAsync(new ControlCall(ControlCommands.ClusterShow));
                if (result.Served.FirstOrDefault()?.Reply.Data is not { } data || data.GetArrayLength() != 1 || data[0].GetProperty("version").ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                self = data[0];
                return true;
            },
            TimeSpan.FromSeconds(30),
            "cluster show to list the node with its status");
        Assert.Equal("node-1", self.GetProperty("node").GetString());
        Assert.Equal("up", self.GetProperty("state").GetString());
        Assert.Equal(cluster.SelfAddress.ToString(), self.GetProperty("address").GetString());
        Assert.Equal(["seed", "worker"], self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
    }
}
