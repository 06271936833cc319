using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBroadcastTests(RabbitMqFixture brokers) : BroadcastBehaviour
{
    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    protected override async Task<ITransport?> OpenPeerAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
}
