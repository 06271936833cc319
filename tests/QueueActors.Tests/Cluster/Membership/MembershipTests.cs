using Akka.Actor;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using QueueActors.TestKit;
using QueueActors.Tests.Cluster.Control;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Membership;

/// <summary>The membership view on a manual clock (and Akka's test scheduler): heartbeats every 2 s, unreachable after 10 s, gone after 60 s.</summary>
public sealed class MembershipTests : ClusterTestBase
{
    public MembershipTests(ITestOutputHelper output)
        : base(output, new ManualTimeProvider())
    {
    }

    [Fact]
    public async Task A_silent_member_goes_up_then_unreachable_then_gone_and_comes_back_up_on_a_heartbeat()
    {
        var a = await StartNodeAsync("node-a");
        await SendHeartbeatAsync("node-x");
        await AwaitStateAsync(a, "node-x", MemberState.Up);

        Advance(Settings.FailureDetection + Settings.HeartbeatInterval);
        await AwaitStateAsync(a, "node-x", MemberState.Unreachable);
        Assert.Equal(MemberState.Up, a.Services.Members.Find("node-a")!.State);

        Advance(Settings.GoneAfter);
        await AwaitStateAsync(a, "node-x", MemberState.Gone);

        await SendHeartbeatAsync("node-x");
        await AwaitStateAsync(a, "node-x", MemberState.Up);
    }

    [Fact]
    public async Task An_unreachable_member_whose_heartbeat_comes_back_is_up_again()
    {
        var a = await StartNodeAsync("node-a");
        await SendHeartbeatAsync("node-x");
        await AwaitStateAsync(a, "node-x", MemberState.Up);
        Advance(Settings.FailureDetection + Settings.HeartbeatInterval);
        await AwaitStateAsync(a, "node-x", MemberState.Unreachable);

        await SendHeartbeatAsync("node-x");

        await AwaitStateAsync(a, "node-x", MemberState.Up);
    }

    [Fact]
    public async Task Members_that_keep_sending_heartbeats_stay_up_as_time_passes()
    {
        var a = await StartNodeAsync("node-a");
        var b = await StartNodeAsync("node-b");
        await AwaitHeartbeatsAsync(a, b);

        for (var step = 0; step < 10; step++)
        {
            var before = b.Services.Members.Find("node-a")!.LastHeartbeat;
            Advance(Settings.HeartbeatInterval);
            await AwaitConditionAsync(() => b.Services.Members.Find("node-a")!.LastHeartbeat > before, null, "node-a's next heartbeat did not arrive");
        }

        Assert.Equal(MemberState.Up, b.Services.Members.Find("node-a")!.State);
        Assert.Equal(MemberState.Up, a.Services.Members.Find("node-b")!.State);
    }

    [Fact]
    public async Task A_graceful_leave_makes_the_node_gone_at_once_for_the_others()
    {
        var a = await StartNodeAsync("node-a");
        var b = await StartNodeAsync("node-b");
        await AwaitHeartbeatsAsync(a, b);

        var left = await b.Members.Ask<LeftCluster>(LeaveCluster.Instance, TimeSpan.FromSeconds(5));

        Assert.True(left.Announced);
        await AwaitStateAsync(a, "node-b", MemberState.Gone);
        Assert.Equal(MemberState.Gone, b.Services.Members.Find("node-b")!.State);
    }

    [Fact]
    public async Task A_heartbeat_carries_the_status_the_node_provides()
    {
        var a = await StartNodeAsync("node-a");
        var status = new FixedStatus(new NodeStatus("node-b", [NodeSettings.SeedRole], ["site-a", "site-b"], ["email"], 7, 100 << 20, 40 << 20, TimeSpan.FromMinutes(3), "1.2.3"));
        var b = await StartNodeAsync("node-b", [NodeSettings.SeedRole], status);
        await AwaitHeartbeatsAsync(a, b);

        var seen = a.Services.Members.Find("node-b")!.Status;
        Assert.Equal(status.Status with { Roles = [], Sites = [], Queues = [] }, seen with { Roles = [], Sites = [], Queues = [] });
        Assert.Equal([NodeSettings.SeedRole], seen.Roles);
        Assert.Equal(["site-a", "site-b"], seen.Sites);
        Assert.Equal(["email"], seen.Queues);
    }

    /// <summary>Fires the nodes' heartbeat timers until each node has seen each other one.</summary>
    private async Task AwaitHeartbeatsAsync(params TestNode[] nodes)
    {
        await AwaitConditionAsync(
            () =>
            {
                if (nodes.All(n => n.Services.Members.CountUp(_ => true) == nodes.Length))
                {
                    return true;
                }

                Advance(Settings.HeartbeatInterval);
                return false;
            },
            TimeSpan.FromSeconds(10),
            "the nodes did not see each other up");
    }

    private async Task SendHeartbeatAsync(string node)
    {
        var status = new NodeStatus(node, [NodeSettings.WorkerRole], [], [], 0, 0, 0, TimeSpan.Zero, "test");
        var heartbeat = new ControlMessage { Kind = ControlMessageKind.Heartbeat, Sender = node, Status = status };
        await Transport.BroadcastAsync(Settings.ControlChannel, ControlWire.Seal(heartbeat, Signer));
    }

    private Task AwaitStateAsync(TestNode viewer, string node, MemberState state) =>
        AwaitConditionAsync(() => viewer.Services.Members.Find(node)?.State == state, null, $"{node} is not {state} in {viewer.Name}'s view");

    private sealed class FixedStatus(NodeStatus status) : INodeStatusProvider
    {
        public NodeStatus Status => status;

        public NodeStatus GetStatus() => status;
    }
}
