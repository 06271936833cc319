using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.InMemory;

/// <summary>A single-active-consumer queue feeds one subscription; the next takes over when it goes.</summary>
public sealed class InMemorySingleActiveConsumerTests
{
    [Fact]
    public async Task Only_the_first_subscription_gets_messages_until_it_is_disposed()
    {
        await using var transport = new InMemoryTransport();
        var spec = new QueueSpec("qa.xmpp", Durable: true) { SingleActiveConsumer = true };
        var first = new DeliveryProbe();
        var second = new DeliveryProbe();
        var active = await transport.SubscribeAsync(spec, 1, first.OnDeliveryAsync);
        await using var standby = await transport.SubscribeAsync(spec, 1, second.OnDeliveryAsync);

        await transport.PublishAsync(spec.BrokerQueue, Message("a"));
        await transport.PublishAsync(spec.BrokerQueue, Message("b"));
        var a = await first.ExpectAsync();
        await second.ExpectNoneAsync(TimeSpan.FromMilliseconds(100));

        await active.DisposeAsync(); // stops first (b goes to the standby), then gives a back

        var b = await second.ExpectAsync();
        Assert.Equal("b", b.Envelope.MessageId);
        await b.AckAsync();
        var again = await second.ExpectAsync();
        Assert.Equal(a.Envelope.MessageId, again.Envelope.MessageId);
        Assert.Equal(2, again.DeliveryCount);
    }

    private static Envelope Message(string id) => new() { MessageId = id, Site = "s", Queue = "xmpp", EnqueuedAt = DateTimeOffset.UtcNow };
}
