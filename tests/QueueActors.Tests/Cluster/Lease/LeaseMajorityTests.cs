using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Remote;
using Akka.Remote.Transport;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// Akka's split brain resolver with <see cref="TransportLeaseHocon.For"/>'s lease-majority (here on the file lease:
/// both nodes run in this process) in a cluster of two actor systems on 127.0.0.1: whichever node dies without
/// leaving, the other gets the lease, downs it and stays Up — where every built-in strategy without a lease
/// downed the survivor when the oldest node died (shared/STACK.md §0). A node that cannot get the lease (the
/// losing side of a partition) downs itself; in a partition between two live nodes exactly one side stays Up.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LeaseMajorityTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>For the node that dies: terminating its actor system does not leave the cluster first.</summary>
    private const string CrashHocon = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";

    /// <summary>Akka.Remote's throttler on the transport, so a test can cut the two nodes apart (a blackhole both ways).</summary>
    private const string Throttled = "akka.remote.dot-netty.tcp.applied-adapters = [trttl]";

    private readonly TempDirectory _directory = new();
    private readonly List<ActorSystem> _systems = [];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_either_node_of_two_dies_the_other_gets_the_lease_and_stays_up(bool lowestAddressDies)
    {
        var (seed, worker) = await TwoNodeClusterAsync();
        var (dying, survivor) = Address(seed) < Address(worker) == lowestAddressDies ? (seed, worker) : (worker, seed);
        var dead = AkkaCluster.Get(dying).SelfAddress;

        var clock = Stopwatch.StartNew();
        await dying.Terminate();

        var survivorCluster = AkkaCluster.Get(survivor);
        await AwaitCondition.UntilAsync(
            () => survivorCluster.State.Members.All(m => m.Address != dead) && survivorCluster.State.Unreachable.IsEmpty,
            TimeSpan.FromSeconds(30),
            "the dead node downed and removed by the survivor");
        output.WriteLine($"dead node ({(lowestAddressDies ? "lowest" : "highest")} address) removed {clock.ElapsedMilliseconds} ms after its system stopped");

        Assert.Equal(MemberStatus.Up, survivorCluster.SelfMember.Status);
        Assert.False(survivor.WhenTerminated.IsCompleted);
        Assert.True(LeaseOf(survivor).CheckLease()); // the resolver holds it until release-after once the dead node is removed
    }

    [Fact]
    public async Task A_node_that_cannot_get_the_lease_downs_itself()
    {
        var (seed, worker) = await TwoNodeClusterAsync();
        var outsider = System("outsider", TransportLeaseHocon.File(_directory.Path));
        var held = LeaseProvider.Get(outsider).GetLease("queueactors-akka-sbr", TransportLeaseHocon.FilePath, "outsider");
        Assert.True(await held.Acquire()); // the other side of a partition got it first

        await worker.Terminate();

        await seed.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30)); // downed by its own resolver: coordinated shutdown ends the system
        Assert.True(AkkaCluster.Get(seed).IsTerminated);
    }

    [Fact]
    public async Task In_a_partition_between_two_live_nodes_only_one_side_stays_up()
    {
        var (seed, worker) = await TwoNodeClusterAsync(Throttled);
        var seedAddress = AkkaCluster.Get(seed).SelfAddress;
        var workerAddress = AkkaCluster.Get(worker).SelfAddress;

        var clock = Stopwatch.StartNew();
        Assert.True(await TwoNodeCluster.Transport(seed).ManagementCommand(new SetThrottle(workerAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));
        Assert.True(await TwoNodeCluster.Transport(worker).ManagementCommand(new SetThrottle(seedAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));

        var loser = await Task.WhenAny(seed.WhenTerminated, worker.WhenTerminated).WaitAsync(TimeSpan.FromSeconds(30)) == seed.WhenTerminated ? seed : worker;
        var winner = loser == seed ? worker : seed;
        var loserAddress = loser == seed ? seedAddress : workerAddress;
        var winnerCluster = AkkaCluster.Get(winner);
        await AwaitCondition.UntilAsync(
            () => winnerCluster.State.Members.All(m => m.Address != loserAddress) && winnerCluster.State.Unreachable.IsEmpty,
            TimeSpan.FromSeconds(30),
            "the other side downed and removed by the side that got the lease");
        output.WriteLine($"partition: the {(loser == seed ? "seed" : "worker")} downed itself, the other removed it {clock.ElapsedMilliseconds} ms after the partition");

        Assert.Equal(MemberStatus.Up, winnerCluster.SelfMember.Status);
        Assert.False(winner.WhenTerminated.IsCompleted);
        Assert.True(LeaseOf(winner).CheckLease());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(system => system.Terminate()));
        _directory.Dispose();
    }

    /// <summary>Two nodes, both Up; the second's actor system stops without leaving when terminated, and so may the first.</summary>
    private async Task<(ActorSystem Seed, ActorSystem Worker)> TwoNodeClusterAsync(string extraHocon = "")
    {
        var hocon = string.Join("\n", extraHocon, CrashHocon, TransportLeaseHocon.For([], null, _directory.Path), TwoNodeCluster.Hocon);
        var seed = System("queueactors", hocon);
        var worker = System("queueactors", hocon);
        await TwoNodeCluster.JoinAsync(seed, worker);
        return (seed, worker);
    }

    private ActorSystem System(string name, string hocon)
    {
        var system = ActorSystem.Create(name, ConfigurationFactory.ParseString(hocon));
        _systems.Add(system);
        return system;
    }

    private static Akka.Coordination.Lease LeaseOf(ActorSystem system) =>
        LeaseProvider.Get(system).GetLease("queueactors-akka-sbr", TransportLeaseHocon.FilePath, AkkaCluster.Get(system).SelfAddress.HostPort());

    private static int Address(ActorSystem system) => AkkaCluster.Get(system).SelfAddress.Port ?? 0;
}
