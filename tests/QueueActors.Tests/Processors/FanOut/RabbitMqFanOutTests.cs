using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>The fan-out on RabbitMQ (the shared test broker; queues and dead letters of the test's own).</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqFanOutTests(RabbitMqFixture brokers, ITestOutputHelper output) : FanOutTests(output)
{
    private ITransport? _transport;

    protected override string TransportConfig => $"queueactors.messaging.dead-letter-queue = \"qa.dead-letters-{Id}\"";

    protected override async Task<ITransport?> TransportAsync() => _transport = await TestTransports.ConnectAsync([brokers.Primary.AmqpUri]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }
    }
}
