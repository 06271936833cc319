using Akka.Coordination;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary><see cref="RabbitMqExclusiveQueueLease"/> on a real RabbitMQ node.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqExclusiveQueueLeaseTests(RabbitMqFixture brokers, ITestOutputHelper output) : LeaseBehaviour(output)
{
    protected override string ConfigPath => TransportLeaseHocon.RabbitMqPath;

    protected override Task<string> BlockAsync() => Task.FromResult(TransportLeaseHocon.RabbitMq(brokers.Primary.AmqpUri, TestTimings));

    [Fact]
    public async Task Acquire_against_a_broker_that_does_not_answer_fails_within_the_operation_timeout()
    {
        using var silent = new SilentServer();

        await AssertAcquireFailsInTime(TransportLeaseHocon.RabbitMq(new Uri($"amqp://guest:guest@127.0.0.1:{silent.Port}/"), TestTimings with { OperationTimeout = TimeSpan.FromSeconds(2) }));
    }

    [Fact]
    public async Task When_the_broker_closes_the_holders_connection_the_holder_learns_it_lost_the_lease_and_the_other_owner_acquires_it()
    {
        var block = await BlockAsync();
        var first = NewLease(block, "cut");
        var second = NewLease(block, "second");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await first.Acquire(lost.SetResult));

        // The exclusive queue's owner_pid is the connection that holds the lease.
        var queues = await brokers.Primary.CtlAsync("list_queues", "name", "owner_pid", "--no-table-headers", "--quiet");
        var owner = queues.Split('\n').Select(line => line.Split('\t')).Single(fields => fields[0] == RabbitMqExclusiveQueueLease.QueueNameOf(LeaseName))[1].Trim();
        await brokers.Primary.CtlAsync("close_connection", owner, "lease test");

        Assert.IsAssignableFrom<LeaseException>(await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(first.CheckLease());
        await AwaitCondition.UntilAsync(() => second.Acquire(), TimeSpan.FromSeconds(5), "the lease after the broker closed its holder's connection");
    }

    [Fact]
    public async Task The_lease_is_the_exclusive_queue_named_after_it()
    {
        var lease = NewLease(await BlockAsync(), "first");
        Assert.True(await lease.Acquire());

        var queues = await brokers.Primary.CtlAsync("list_queues", "name", "exclusive");

        Assert.Contains($"{RabbitMqExclusiveQueueLease.QueueNameOf(LeaseName)}\ttrue", queues, StringComparison.Ordinal);
    }
}
