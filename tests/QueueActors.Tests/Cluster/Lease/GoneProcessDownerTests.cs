using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using Akka.Remote.Transport;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// <see cref="GoneProcessDowner"/> in a cluster of two actor systems on 127.0.0.1, with liveness leases on the file
/// lease (both nodes run in this process) and a split brain resolver that waits 60 s, far longer than the tests: a
/// member whose liveness lease is free once its connection drops is downed and removed by the downer alone, and a
/// member cut off by a partition but still holding its lease is left alone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GoneProcessDownerTests : IAsyncLifetime
{
    /// <summary>The resolver out of the way; the dying node's system stops without leaving; a transport the test can cut.</summary>
    private const string Hocon = """
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.remote.dot-netty.tcp.applied-adapters = [trttl]
        akka.cluster.split-brain-resolver.stable-after = 60s
        """;

    private readonly TempDirectory _directory = new();
    private readonly List<ActorSystem> _systems = [];

    [Fact]
    public async Task A_member_whose_process_is_gone_is_downed_and_removed_without_waiting_for_the_resolver()
    {
        var (seed, worker) = await TwoNodeClusterAsync();
        var dead = AkkaCluster.Get(worker).SelfAddress;

        await worker.Terminate(); // its liveness lease goes with it, as with a killed process

        var seedCluster = AkkaCluster.Get(seed);
        await AwaitCondition.UntilAsync(
            () => seedCluster.State.Members.All(m => m.Address != dead) && seedCluster.State.Unreachable.IsEmpty,
            TimeSpan.FromSeconds(30),
            "the dead node downed and removed (the resolver would wait 60 s)");
        Assert.Equal(MemberStatus.Up, seedCluster.SelfMember.Status);
    }

    [Fact]
    public async Task A_member_cut_off_but_alive_keeps_its_lease_and_is_left_to_the_resolver()
    {
        var (seed, worker) = await TwoNodeClusterAsync();
        var seedAddress = AkkaCluster.Get(seed).SelfAddress;
        var workerAddress = AkkaCluster.Get(worker).SelfAddress;
        var said = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        seed.EventStream.Subscribe(seed.ActorOf(Props.Create(() => new LineWaiter("still holds its liveness lease", said))), typeof(Info));

        Assert.True(await TwoNodeCluster.Transport(seed).ManagementCommand(new SetThrottle(workerAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));
        Assert.True(await TwoNodeCluster.Transport(worker).ManagementCommand(new SetThrottle(seedAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));

        var line = await said.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(workerAddress.ToString(), line, StringComparison.Ordinal);
        var workerSeenBySeed = AkkaCluster.Get(seed).State.Members.Single(m => m.Address == workerAddress);
        Assert.Equal(MemberStatus.Up, workerSeenBySeed.Status); // the probe found it alive: not downed
        Assert.False(worker.WhenTerminated.IsCompleted);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(system => system.Terminate()));
        _directory.Dispose();
    }

    private async Task<(ActorSystem Seed, ActorSystem Worker)> TwoNodeClusterAsync()
    {
        // HOCON's later keys win: this test's settings go last.
        var hocon = string.Join("\n", TransportLeaseHocon.For([], null, _directory.Path), TwoNodeCluster.Hocon, Hocon);
        var seed = System(hocon);
        var worker = System(hocon);
        await TwoNodeCluster.JoinAsync(seed, worker);
        return (seed, worker);
    }

    private ActorSystem System(string hocon)
    {
        var system = ActorSystem.Create("queueactors", ConfigurationFactory.ParseString(hocon));
        _systems.Add(system);
        system.ActorOf(GoneProcessDowner.Props(TransportLeaseHocon.FilePath), "gone-process-downer");
        return system;
    }

    /// <summary>Completes <paramref name="said"/> with the first log line that contains <paramref name="text"/>.</summary>
    private sealed class LineWaiter : ReceiveActor
    {
        public LineWaiter(string text, TaskCompletionSource<string> said) =>
            Receive<Info>(e => e.Message?.ToString()?.Contains(text, StringComparison.Ordinal) == true, e => said.TrySetResult(e.Message!.ToString()!));
    }
}
