using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqDelayedPublishTests(RabbitMqFixture brokers) : DelayedPublishBehaviour
{
    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    [Theory]
    [InlineData(true, "qa.delay.1613ms")]
    [InlineData(false, "qa.delay.transient.1613ms")]
    public async Task A_delay_bucket_is_declared_to_expire_when_unused(bool durable, string bucket)
    {
        var spec = new QueueSpec(NewQueueName("expiring"), durable);
        await Transport.DeclareAsync(spec);

        await Transport.PublishDelayedAsync(spec.BrokerQueue, NewEnvelope(), TimeSpan.FromMilliseconds(1500));

        var queues = await brokers.Primary.CtlAsync("list_queues", "name", "arguments", "--no-table-headers", "-q");
        var line = queues.Split('\n').Single(l => l.StartsWith(bucket + "\t", StringComparison.Ordinal));
        Assert.Contains("x-expires", line);
    }
}
