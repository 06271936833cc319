using QueueActors.Actors.Cluster.Lease;
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
    public async Task The_lease_is_the_exclusive_queue_named_after_it()
    {
        var lease = NewLease(await BlockAsync(), "first");
        Assert.True(await lease.Acquire());

        var queues = await brokers.Primary.CtlAsync("list_queues", "name", "exclusive");

        Assert.Contains($"{RabbitMqExclusiveQueueLease.QueueNameOf(LeaseName)}\ttrue", queues, StringComparison.Ordinal);
    }
}
