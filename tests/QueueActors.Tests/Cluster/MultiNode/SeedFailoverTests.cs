using System.Diagnostics;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Two seed processes sharing one PostgreSQL journal: the oldest runs the seed roles (Akka's cluster singleton) and
/// answers <c>dead list</c>; killed with SIGKILL (once the resolver has downed it) or stopped with SIGTERM (a graceful
/// leave hands the roles over), the other runs them and answers with the same dead letters, recovered from the shared
/// journal (the dead-letter file was only ever in the first seed's directory). The resolver decides after 2 s of
/// stability here instead of reference.conf's value, to keep the test short; the hand-over figures are the benchmark's
/// (<c>--cluster --only handover</c>).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class SeedFailoverTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ActiveLine = "now runs the seed roles";
    private const string StoppedLine = "no longer runs the seed roles";

    /// <summary>The relay of the transport's control channel (the CLI's way in), a cluster singleton of its own, moved too.</summary>
    private const string RelayLine = "Relaying control channel";
    private PostgresServer _postgres = null!;
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Killing_the_active_seed_moves_the_seed_roles_and_the_other_seed_answers_dead_list_from_the_shared_journal()
    {
        var (first, second, record) = await StartTwoSeedsAsync();

        var clock = Stopwatch.StartNew();
        first.KillHard();
        await first.WaitForExitAsync();
        await TestKit.AwaitCondition.UntilAsync(() => second.Output.Contains(ActiveLine, StringComparison.Ordinal), TestCluster.Wait, "seed2 to take the seed roles");
        output.WriteLine($"seed2 runs the seed roles {clock.ElapsedMilliseconds} ms after seed1 was killed");
        await AwaitRelayAsync(second, clock);

        await AssertListsAsync(record);
    }

    [Fact]
    public async Task A_seed_that_leaves_gracefully_hands_the_seed_roles_over_and_the_other_seed_answers_dead_list()
    {
        var (first, second, record) = await StartTwoSeedsAsync();

        var clock = Stopwatch.StartNew();
        await first.TerminateAsync();
        await TestKit.AwaitCondition.UntilAsync(() => second.Output.Contains(ActiveLine, StringComparison.Ordinal), TestCluster.Wait, "seed2 to take the seed roles");
        output.WriteLine($"seed2 runs the seed roles {clock.ElapsedMilliseconds} ms after seed1 got SIGTERM");
        await AwaitRelayAsync(second, clock);
        await first.WaitForExitAsync().WaitAsync(TestCluster.Wait);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains(StoppedLine, first.Output); // handed over: stopped there, not killed with the process
        await AssertListsAsync(record);
    }

    /// <summary>seed1 with a dead letter in its directory, running the seed roles, and seed2 up beside it; dead list answers.</summary>
    private async Task<(WorkerProcess First, WorkerProcess Second, DeadLetterRecord Record)> StartTwoSeedsAsync()
    {
        var envelope = new Envelope { Site = "example.com", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };
        var record = DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.RetriesExhausted, 3, new InvalidOperationException("smtp down"), "w1", DateTimeOffset.UtcNow);
        await new DeadLetterFiles(_cluster.DeadLetterDirectory("seed1")).WriteAsync(record);
        var first = _cluster.StartNode("seed1", "seed");
        await TestKit.AwaitCondition.UntilAsync(() => first.Output.Contains(ActiveLine, StringComparison.Ordinal) || first.HasExited, TestCluster.Wait, "seed1 to take the seed roles");
        var second = _cluster.StartNode("seed2", "seed");
        await _cluster.AwaitMembersUpAsync("seed1", "seed2");

        var (listed, before) = await _cluster.CliAsync("dead", "list");

        Assert.True(listed == 0, before + "\n" + _cluster.Outputs());
        Assert.Contains(record.Id, before);
        Assert.DoesNotContain(ActiveLine, second.Output);

        return (first, second, record);
    }

    /// <summary>Waits until <paramref name="seed"/> relays the transport's control channel, which the CLI's <c>dead list</c> takes.</summary>
    private async Task AwaitRelayAsync(WorkerProcess seed, Stopwatch clock)
    {
        await TestKit.AwaitCondition.UntilAsync(() => seed.Output.Contains(RelayLine, StringComparison.Ordinal), TestCluster.Wait, "seed2 to relay the control channel");
        output.WriteLine($"seed2 relays the control channel {clock.ElapsedMilliseconds} ms after the signal");
    }

    private async Task AssertListsAsync(DeadLetterRecord record)
    {
        var (relisted, after) = await _cluster.CliAsync("dead", "list");

        Assert.True(relisted == 0, after + "\n" + _cluster.Outputs());
        Assert.Contains("1 dead letter(s)", after);
        Assert.Contains(record.Id, after);
        Assert.Contains("smtp down", after);
    }

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartNewAsync();
        var database = await _postgres.CreateDatabaseAsync("qa_seed_failover");
        _cluster = new TestCluster(brokers.Primary, output, $$"""
            queueactors {
              persistence.backend = postgres
              postgres.connection-string = "{{database}}"
            }
            akka.cluster.split-brain-resolver.stable-after = 2s
            """);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
