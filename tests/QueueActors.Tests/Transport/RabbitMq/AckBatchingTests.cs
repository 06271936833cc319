using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>
/// Acks go to the broker in batches (<c>multiple</c>) in the order handling allows: an ack must never cover a
/// delivery still being handled or one rejected, and none may stay unsent when the subscription closes.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class AckBatchingTests(RabbitMqFixture brokers) : TransportTestBase
{
    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    [Fact]
    public async Task Acks_out_of_order_leave_the_unsettled_delivery_with_the_broker_and_only_it()
    {
        var spec = new QueueSpec(NewQueueName("ack-order"), Durable: true);
        var (subscription, probe) = await SubscribeAsync(spec, prefetch: 20);
        for (var i = 0; i < 10; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"{{\"n\":{i}}}"));
        }

        var deliveries = new List<Delivery>();
        for (var i = 0; i < 10; i++)
        {
            deliveries.Add(await probe.ExpectAsync());
        }

        // The newest first, and the oldest never: no multiple ack may cover it.
        for (var i = 9; i >= 1; i--)
        {
            await deliveries[i].AckAsync();
        }

        await subscription.DisposeAsync();
        await AwaitCondition.UntilAsync(async () => (await Transport.GetStatusAsync(spec.BrokerQueue)).Consumers == 0, because: "the consumer is gone");

        var (_, again) = await SubscribeAsync(spec);
        var back = await again.ExpectAsync();
        Assert.Equal(deliveries[0].Envelope.MessageId, back.Envelope.MessageId);
        await back.AckAsync();
        await again.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_reject_between_acks_returns_that_delivery_alone()
    {
        var spec = new QueueSpec(NewQueueName("ack-reject"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec, prefetch: 20);
        for (var i = 0; i < 5; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"{{\"n\":{i}}}"));
        }

        var deliveries = new List<Delivery>();
        for (var i = 0; i < 5; i++)
        {
            deliveries.Add(await probe.ExpectAsync());
        }

        await deliveries[4].AckAsync();
        await deliveries[2].RejectAsync(requeue: true);
        await deliveries[0].AckAsync();
        await deliveries[1].AckAsync();
        await deliveries[3].AckAsync();

        var back = await probe.ExpectAsync();
        Assert.Equal(deliveries[2].Envelope.MessageId, back.Envelope.MessageId);
        Assert.Equal(2, back.DeliveryCount);
        await back.AckAsync();
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
        await AwaitCondition.UntilAsync(async () => (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady == 0, because: "nothing is left in the queue");
    }

    [Fact]
    public async Task Acks_made_just_before_the_close_are_sent_before_it()
    {
        var spec = new QueueSpec(NewQueueName("ack-close"), Durable: true);
        var (subscription, probe) = await SubscribeAsync(spec, prefetch: 50);
        for (var i = 0; i < 50; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"{{\"n\":{i}}}"));
        }

        for (var i = 0; i < 50; i++)
        {
            await (await probe.ExpectAsync()).AckAsync();
        }

        await subscription.DisposeAsync(); // at once: the last acks may still be marked only
        await AwaitCondition.UntilAsync(async () => (await Transport.GetStatusAsync(spec.BrokerQueue)).Consumers == 0, because: "the consumer is gone");
        Assert.Equal(0, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
    }

    [Fact]
    public async Task An_ack_behind_a_delivery_still_in_hand_frees_its_prefetch_slot()
    {
        var spec = new QueueSpec(NewQueueName("ack-slot"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec, prefetch: 2);
        for (var i = 0; i < 3; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"{{\"n\":{i}}}"));
        }

        var slow = await probe.ExpectAsync();
        await (await probe.ExpectAsync()).AckAsync(); // the oldest is still in hand

        var third = await probe.ExpectAsync(); // came only because that ack reached the broker
        await third.AckAsync();
        await slow.AckAsync();
        await AwaitCondition.UntilAsync(async () => (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady == 0, because: "nothing is left in the queue");
    }
}
