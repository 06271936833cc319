using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Partitions;

/// <summary>Partitioned queues on RabbitMQ: quorum queues with a single active consumer.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqPartitionedQueueTests(RabbitMqFixture brokers, ITestOutputHelper output) : PartitionedQueueTestBase(output)
{
    protected override async Task<ITransport> ConnectAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
}
