using System.Diagnostics;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Two seed processes sharing one PostgreSQL journal: the active one answers <c>dead list</c>; killed with SIGKILL,
/// the other takes the seed singleton over within a few lease-timeouts and answers with the same dead letters,
/// recovered from the shared journal (the dead-letter file was only ever in the first seed's directory).
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class SeedFailoverTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ActiveLine = "is now the active node of singleton seed";
    private PostgresServer _postgres = null!;
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Killing_the_active_seed_moves_the_seed_roles_and_the_other_seed_answers_dead_list_from_the_shared_journal()
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

        var clock = Stopwatch.StartNew();
        first.KillHard();
        await first.WaitForExitAsync();
        await TestKit.AwaitCondition.UntilAsync(() => second.Output.Contains(ActiveLine, StringComparison.Ordinal), TestCluster.Wait, "seed2 to take the seed roles");
        var takeover = clock.Elapsed;
        output.WriteLine($"seed2 active {takeover.TotalMilliseconds:0} ms after seed1 was killed (the broker's single active consumer; lease-timeout 3 s)");
        Assert.True(takeover < TimeSpan.FromSeconds(5), $"seed2 took {takeover} to take over");

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
            """);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
