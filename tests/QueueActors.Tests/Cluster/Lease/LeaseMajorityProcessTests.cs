using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Coordination;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// A seed and one worker, one of them a <c>qa-testworker cluster-member</c> process, with lease-majority on the
/// RabbitMQ lease (<see cref="TransportLeaseHocon.For"/> with the test broker): kill -9 of the seed or of the worker
/// process, and the node in this process gets the lease, downs the dead one and stays Up.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class LeaseMajorityProcessTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly List<ActorSystem> _systems = [];

    [Theory]
    [InlineData("seed")]
    [InlineData("worker")]
    public async Task After_kill_9_of_either_node_the_other_downs_it_and_stays_up(string killed)
    {
        // The lease name is the resolver's default, <system name>-akka-sbr: one test at a time uses it on this broker.
        var hocon = TransportLeaseHocon.For([brokers.Primary.AmqpUri], null, _folder.Path) + "\n" + TwoNodeCluster.Hocon;
        var file = Path.Combine(_folder.Path, "member.conf");
        await File.WriteAllTextAsync(file, hocon);
        var local = ActorSystem.Create("queueactors", ConfigurationFactory.ParseString(hocon));
        _systems.Add(local);
        var cluster = AkkaCluster.Get(local);

        await using var member = killed == "seed"
            ? WorkerProcess.Start(["cluster-member", file], "unused", _folder.Path)
            : WorkerProcess.Start(["cluster-member", file, cluster.SelfAddress.ToString()], "unused", _folder.Path);
        if (killed == "seed")
        {
            await AwaitCondition.UntilAsync(() => Said(member, "address ") is not null || member.HasExited, TimeSpan.FromSeconds(60), "the seed process's address");
            await cluster.JoinAsync(Address.Parse(Said(member, "address ") ?? throw new InvalidOperationException(member.Output)));
        }
        else
        {
            await cluster.JoinAsync(cluster.SelfAddress);
        }

        await AwaitCondition.UntilAsync(() => cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == 2, TimeSpan.FromSeconds(60), "both nodes Up:\n" + member.Output);
        var dead = cluster.State.Members.Single(m => m.Address != cluster.SelfAddress).Address;

        var clock = Stopwatch.StartNew();
        member.KillHard();
        await AwaitCondition.UntilAsync(
            () => cluster.State.Members.All(m => m.Address != dead) && cluster.State.Unreachable.IsEmpty,
            TimeSpan.FromSeconds(30),
            "the killed node downed and removed");
        output.WriteLine($"killed {killed} removed by the survivor {clock.ElapsedMilliseconds} ms after kill -9");

        Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
        Assert.False(local.WhenTerminated.IsCompleted);
        Assert.True(LeaseProvider.Get(local).GetLease("queueactors-akka-sbr", TransportLeaseHocon.RabbitMqPath, cluster.SelfAddress.HostPort()).CheckLease());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(system => system.Terminate()));
        _folder.Dispose();
    }

    private static string? Said(WorkerProcess process, string prefix) =>
        process.Output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).Select(line => line[prefix.Length..]).FirstOrDefault();
}
