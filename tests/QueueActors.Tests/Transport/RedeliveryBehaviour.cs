using QueueActors.Actors.Transport;
using Xunit;

namespace QueueActors.Tests.Transport;

/// <summary>Redelivery counts, requeue, dead-lettering and the delivery limit.</summary>
public abstract class RedeliveryBehaviour : TransportTestBase
{
    [Fact]
    public async Task Unsettled_delivery_comes_back_with_count_2_after_the_subscription_is_disposed()
    {
        var spec = new QueueSpec(NewQueueName("unacked"), Durable: true);
        var (first, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("poison"));
        var delivery = await probe.ExpectAsync();
        Assert.Equal(1, delivery.DeliveryCount);

        await first.DisposeAsync();
        var (_, again) = await SubscribeAsync(spec);

        var redelivery = await again.ExpectAsync();
        Assert.Equal(delivery.Envelope.MessageId, redelivery.Envelope.MessageId);
        Assert.Equal(2, redelivery.DeliveryCount);
        Assert.True(redelivery.IsRedelivery);
        await redelivery.AckAsync();
        await delivery.AckAsync(); // late ack of the first delivery: a no-op, not an error
    }

    [Fact]
    public async Task Transient_queue_flags_a_redelivery()
    {
        var spec = new QueueSpec(NewQueueName("unacked-transient"), Durable: false);
        var (first, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());
        _ = await probe.ExpectAsync();

        await first.DisposeAsync();
        var (_, again) = await SubscribeAsync(spec);

        var redelivery = await again.ExpectAsync();
        Assert.Equal(2, redelivery.DeliveryCount);
    }

    [Fact]
    public async Task Rejected_with_requeue_comes_back_counted()
    {
        var spec = new QueueSpec(NewQueueName("requeue"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());

        await (await probe.ExpectAsync()).RejectAsync(requeue: true);
        var second = await probe.ExpectAsync();
        await second.RejectAsync(requeue: true);
        var third = await probe.ExpectAsync();

        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(3, third.DeliveryCount);
        await third.AckAsync();
    }

    [Fact]
    public async Task Rejected_without_requeue_lands_on_the_dead_letter_queue()
    {
        var spec = new QueueSpec(NewQueueName("reject"), Durable: true) { DeadLetterQueue = NewQueueName("reject-dlq") };
        var (_, probe) = await SubscribeAsync(spec);
        var sent = NewEnvelope("bad payload");
        await Transport.PublishAsync(spec.BrokerQueue, sent);

        await (await probe.ExpectAsync()).RejectAsync(requeue: false);

        var (_, deadLetters) = await SubscribeAsync(new QueueSpec(spec.DeadLetterQueue!, Durable: true));
        var dead = await deadLetters.ExpectAsync();
        Assert.Equal(sent.MessageId, dead.Envelope.MessageId);
        Assert.Equal("bad payload", Text(dead));
        await dead.AckAsync();
    }

    [Fact]
    public async Task Message_returned_more_often_than_the_delivery_limit_is_dead_lettered()
    {
        var spec = new QueueSpec(NewQueueName("limit"), Durable: true) { DeliveryLimit = 1, DeadLetterQueue = NewQueueName("limit-dlq") };
        var (_, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());

        await (await probe.ExpectAsync()).RejectAsync(requeue: true);
        var last = await probe.ExpectAsync();
        Assert.Equal(2, last.DeliveryCount);
        await last.RejectAsync(requeue: true);

        var (_, deadLetters) = await SubscribeAsync(new QueueSpec(spec.DeadLetterQueue!, Durable: true));
        await (await deadLetters.ExpectAsync()).AckAsync();
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Stopped_subscription_takes_nothing_new_but_still_acks_what_it_has()
    {
        var spec = new QueueSpec(NewQueueName("stop"), Durable: true);
        var (subscription, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("m1"));
        var inFlight = await probe.ExpectAsync();

        await subscription.StopAsync();
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("m2"));
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
        await inFlight.AckAsync();
        await subscription.DisposeAsync();

        // The broker drops the consumer when it has processed the channel's close, a moment later.
        await QueueActors.TestKit.AwaitCondition.UntilAsync(async () => (await Transport.GetStatusAsync(spec.BrokerQueue)).Consumers == 0, because: "the consumer is gone");
        Assert.Equal(1, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
    }
}
