using System.Diagnostics;
using QueueActors.Actors.Transport;
using Xunit;

namespace QueueActors.Tests.Transport;

/// <summary>Delayed publish: the message waits (on the broker) and then arrives, shorter delays first.</summary>
public abstract class DelayedPublishBehaviour : TransportTestBase
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delayed_message_arrives_after_the_delay(bool durable)
    {
        var spec = new QueueSpec(NewQueueName("delay"), durable);
        var (_, probe) = await SubscribeAsync(spec);
        var sent = NewEnvelope("retry", attempts: 1);
        var clock = Stopwatch.StartNew();

        await Transport.PublishDelayedAsync(spec.BrokerQueue, sent, Delay);

        var delivery = await probe.ExpectAsync();
        Assert.True(clock.Elapsed >= Delay, $"arrived after {clock.Elapsed}, before the delay of {Delay}");
        Assert.Equal(sent.MessageId, delivery.Envelope.MessageId);
        Assert.Equal(1, delivery.Envelope.Attempts);
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.AckAsync();
    }

    [Fact]
    public async Task A_retry_copy_keeps_when_handling_first_failed()
    {
        // Dead letters report the first failure from here: a transport that drops it shows first = last failure.
        var spec = new QueueSpec(NewQueueName("first-failure"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);
        var firstFailure = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeMilliseconds());

        await Transport.PublishDelayedAsync(spec.BrokerQueue, NewEnvelope("retry", attempts: 2) with { FirstFailedAt = firstFailure }, Delay);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("fresh"));

        var deliveries = new[] { await probe.ExpectAsync(), await probe.ExpectAsync() }.ToDictionary(Text);
        Assert.Equal(firstFailure, deliveries["retry"].Envelope.FirstFailedAt);
        Assert.Null(deliveries["fresh"].Envelope.FirstFailedAt);
    }

    [Fact]
    public async Task Short_delay_is_not_held_behind_a_longer_one()
    {
        var spec = new QueueSpec(NewQueueName("buckets"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);

        await Transport.PublishDelayedAsync(spec.BrokerQueue, NewEnvelope("long"), TimeSpan.FromMilliseconds(1500));
        await Transport.PublishDelayedAsync(spec.BrokerQueue, NewEnvelope("short"), Delay);

        Assert.Equal("short", Text(await probe.ExpectAsync()));
        Assert.Equal("long", Text(await probe.ExpectAsync()));
    }

    [Fact]
    public async Task Delayed_publish_to_a_queue_that_does_not_exist_fails()
    {
        await Assert.ThrowsAsync<TransportException>(async () =>
            await Transport.PublishDelayedAsync(NewQueueName("missing"), NewEnvelope(), Delay));
    }
}
