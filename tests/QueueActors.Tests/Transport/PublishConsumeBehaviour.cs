using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using Xunit;

namespace QueueActors.Tests.Transport;

/// <summary>Publish with confirm, consume, ack: the same behaviour on every transport.</summary>
public abstract class PublishConsumeBehaviour : TransportTestBase
{
    [Fact]
    public async Task Confirmed_publish_is_delivered_once_with_its_envelope_and_gone_after_ack()
    {
        var spec = new QueueSpec(NewQueueName("publish"), Durable: true);
        await Transport.DeclareAsync(spec);
        var (subscription, probe) = await SubscribeAsync(spec);
        var sent = NewEnvelope("{\"to\":\"a@example.org\"}", attempts: 2) with
        {
            Headers = new Dictionary<string, string> { ["trace"] = "abc" },
        };

        await Transport.PublishAsync(spec.BrokerQueue, sent);

        var delivery = await probe.ExpectAsync();
        var got = delivery.Envelope;
        Assert.Equal(sent.MessageId, got.MessageId);
        Assert.Equal(sent.Site, got.Site);
        Assert.Equal(sent.Queue, got.Queue);
        Assert.Equal(2, got.Attempts);
        Assert.Equal(sent.EnqueuedAt, got.EnqueuedAt);
        Assert.Equal("application/json", got.ContentType);
        Assert.Equal(sent.Body.ToArray(), got.Body.ToArray());
        Assert.Equal("abc", Assert.Contains("trace", got.Headers!));
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.AckAsync();

        await subscription.DisposeAsync();
        Assert.Equal(0, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Transient_queue_delivers_and_acks()
    {
        var spec = new QueueSpec(NewQueueName("transient"), Durable: false);
        var (_, probe) = await SubscribeAsync(spec);

        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("hello"));

        var delivery = await probe.ExpectAsync();
        Assert.Equal("hello", Text(delivery));
        await delivery.AckAsync();
    }

    [Fact]
    public async Task Publish_to_a_queue_that_does_not_exist_fails()
    {
        var error = await Assert.ThrowsAsync<TransportException>(async () =>
            await Transport.PublishAsync(NewQueueName("missing"), NewEnvelope()));

        Assert.Contains("test.missing.", error.Message);
    }

    [Fact]
    public async Task Prefetch_bounds_the_deliveries_in_flight_until_one_is_acked()
    {
        var spec = new QueueSpec(NewQueueName("prefetch"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec, prefetch: 2);
        for (var i = 1; i <= 3; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"m{i}"));
        }

        var first = await probe.ExpectAsync();
        var second = await probe.ExpectAsync();
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
        await first.AckAsync();

        var third = await probe.ExpectAsync();
        Assert.Equal(["m1", "m2", "m3"], new[] { Text(first), Text(second), Text(third) });
    }

    [Fact]
    public async Task Deliveries_handed_on_are_acked_later_from_other_threads()
    {
        const int count = 40;
        var spec = new QueueSpec(NewQueueName("handoff"), Durable: true);
        var (subscription, probe) = await SubscribeAsync(spec, prefetch: count);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"m{i}")).AsTask()));

        var deliveries = new List<Delivery>();
        for (var i = 0; i < count; i++)
        {
            deliveries.Add(await probe.ExpectAsync());
        }

        await Task.WhenAll(deliveries.Select(d => Task.Run(async () => await d.AckAsync())));
        await subscription.DisposeAsync();

        Assert.Equal(0, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
        Assert.Equal(count, deliveries.Select(d => d.Envelope.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Settling_a_delivery_twice_is_refused()
    {
        var spec = new QueueSpec(NewQueueName("twice"), Durable: false);
        var (_, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());
        var delivery = await probe.ExpectAsync();

        await delivery.AckAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await delivery.RejectAsync(requeue: true));
    }
}
