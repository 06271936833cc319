using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// What every lease of <see cref="TransportLeaseHocon"/> guarantees, each owner in an actor system of its own
/// (or a process of its own, killed with SIGKILL): one owner at a time, and the lease passes on when its holder
/// releases it, terminates its actor system or dies.
/// </summary>
public abstract class LeaseBehaviour(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Short timings, so a test of a lost connection does not wait long (interval under half the timeout).</summary>
    protected static readonly LeaseTimings TestTimings = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    private readonly List<ActorSystem> _systems = [];
    private readonly TempDirectory _folder = new();

    /// <summary>A name of its own per test, so tests on one server do not share a lease.</summary>
    protected string LeaseName { get; } = "test-" + Guid.NewGuid().ToString("N")[..10];

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The config path of the lease under test.</summary>
    protected abstract string ConfigPath { get; }

    /// <summary>The lease's block at <see cref="ConfigPath"/> on a backend that answers.</summary>
    protected abstract Task<string> BlockAsync();

    [Fact]
    public async Task Only_one_of_two_owners_acquires_the_lease()
    {
        var block = await BlockAsync();
        var first = NewLease(block, "first");
        var second = NewLease(block, "second");

        Assert.True(await first.Acquire());
        Assert.False(await second.Acquire());

        Assert.True(first.CheckLease());
        Assert.False(second.CheckLease());
        Assert.True(await first.Acquire()); // the holder acquiring again still holds it
        Assert.False(await second.Acquire());
    }

    [Fact]
    public async Task After_the_holder_releases_the_lease_the_other_owner_acquires_it()
    {
        var block = await BlockAsync();
        var first = NewLease(block, "first");
        var second = NewLease(block, "second");
        Assert.True(await first.Acquire());
        Assert.False(await second.Acquire());

        Assert.True(await first.Release());

        Assert.False(first.CheckLease());
        Assert.True(await second.Acquire()); // release deletes or unlocks before it returns: no wait
        Assert.True(second.CheckLease());
        Assert.False(await first.Acquire());
        Assert.True(await first.Release()); // not held: nothing to release (the resolver would otherwise ask again every second)
        Assert.True(second.CheckLease());
    }

    [Fact]
    public async Task Terminating_the_holders_actor_system_frees_the_lease()
    {
        var block = await BlockAsync();
        var (firstSystem, first) = NewSystemAndLease(block, "first");
        var second = NewLease(block, "second");
        Assert.True(await first.Acquire());
        Assert.False(await second.Acquire());

        await firstSystem.Terminate();

        await AwaitCondition.UntilAsync(() => second.Acquire(), TimeSpan.FromSeconds(10), "the lease after its holder's actor system terminated");
        Assert.True(second.CheckLease());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Killing_the_holders_process_frees_the_lease_at_once()
    {
        var block = await BlockAsync();
        var file = Path.Combine(_folder.Path, "lease.conf");
        await File.WriteAllTextAsync(file, block);
        await using var holder = WorkerProcess.Start(["hold-lease", file, ConfigPath, LeaseName], "unused", _folder.Path);
        await AwaitCondition.UntilAsync(() => HolderSaid(holder) is not null || holder.HasExited, TimeSpan.FromSeconds(60), "the holder process's answer");
        Assert.True(HolderSaid(holder) == "acquired", "the holder process did not acquire the lease:\n" + holder.Output);
        var survivor = NewLease(block, "survivor");
        Assert.False(await survivor.Acquire());
        Assert.False(survivor.CheckLease());

        var clock = Stopwatch.StartNew();
        holder.KillHard();
        await AwaitCondition.UntilAsync(() => survivor.Acquire(), TimeSpan.FromSeconds(5), "the lease after kill -9 of its holder");
        var elapsed = clock.Elapsed;

        Assert.True(survivor.CheckLease());
        Output.WriteLine($"{GetType().Name}: acquired {elapsed.TotalMilliseconds:0} ms after kill -9 of the holder");
    }

    /// <summary>Acquire on <paramref name="block"/> (a backend that does not answer) fails within lease-operation-timeout.</summary>
    protected async Task AssertAcquireFailsInTime(string block)
    {
        var lease = NewLease(block, "lonely");
        var limit = lease.Settings.TimeoutSettings.OperationTimeout;

        var clock = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(async () => Assert.False(await lease.Acquire()));
        var elapsed = clock.Elapsed;

        Assert.True(failure is null or LeaseException, $"expected false or a LeaseException, got {failure}");
        Assert.True(elapsed < limit + TimeSpan.FromSeconds(1), $"Acquire took {elapsed} (lease-operation-timeout {limit})");
        Assert.False(lease.CheckLease());
        Output.WriteLine($"{GetType().Name}: Acquire on a silent backend ended after {elapsed.TotalMilliseconds:0} ms with {failure?.GetType().Name ?? "false"}: {failure?.Message}");
    }

    protected Akka.Coordination.Lease NewLease(string block, string owner) => NewSystemAndLease(block, owner).Lease;

    protected (ActorSystem System, Akka.Coordination.Lease Lease) NewSystemAndLease(string block, string owner)
    {
        var system = ActorSystem.Create("lease-" + owner, ConfigurationFactory.ParseString(block + "\nakka.loglevel = INFO"));
        _systems.Add(system);
        return (system, LeaseProvider.Get(system).GetLease(LeaseName, ConfigPath, owner));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(system => system.Terminate()));
        _folder.Dispose();
    }

    private static string? HolderSaid(WorkerProcess holder) =>
        holder.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line is "acquired" or "not acquired");
}
