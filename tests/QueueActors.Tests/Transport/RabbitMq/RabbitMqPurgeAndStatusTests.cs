using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqPurgeAndStatusTests(RabbitMqFixture brokers) : PurgeAndStatusBehaviour
{
    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
}
