using Akka.Coordination;
using Npgsql;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary><see cref="PostgresAdvisoryLease"/> on a real PostgreSQL.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresAdvisoryLeaseTests(PostgresFixture postgres, ITestOutputHelper output) : LeaseBehaviour(output)
{
    protected override string ConfigPath => TransportLeaseHocon.PostgresPath;

    protected override async Task<string> BlockAsync() => TransportLeaseHocon.Postgres(await postgres.DatabaseFor(GetType()), TestTimings);

    [Fact]
    public async Task Acquire_against_a_server_that_does_not_answer_fails_within_the_operation_timeout()
    {
        using var silent = new SilentServer();
        var connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = silent.Port, Username = "qa", Password = "qa", Database = "qa" }.ConnectionString;

        await AssertAcquireFailsInTime(TransportLeaseHocon.Postgres(connection, TestTimings with { OperationTimeout = TimeSpan.FromSeconds(2) }));
    }

    [Fact]
    public async Task When_the_holders_session_is_cut_the_holder_learns_it_lost_the_lease_and_the_other_owner_acquires_it()
    {
        var block = await BlockAsync();
        var first = NewLease(block, "cut-" + LeaseName);
        var second = NewLease(block, "second");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await first.Acquire(lost.SetResult));

        var database = new NpgsqlConnectionStringBuilder(await postgres.DatabaseFor(GetType())).Database!;
        await postgres.Server.ExecuteAsync(database, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qa-lease cut-{LeaseName}'");

        Assert.IsAssignableFrom<LeaseException>(await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(first.CheckLease());
        await AwaitCondition.UntilAsync(() => second.Acquire(), TimeSpan.FromSeconds(5), "the lease after its holder's session was cut");
    }
}
