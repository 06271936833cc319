using QueueActors.Actors.Transport;
using Xunit;

namespace QueueActors.Tests.Transport;

/// <summary>Purge and queue status.</summary>
public abstract class PurgeAndStatusBehaviour : TransportTestBase
{
    [Fact]
    public async Task Status_counts_ready_messages_and_consumers()
    {
        var spec = new QueueSpec(NewQueueName("status"), Durable: true);
        await Transport.DeclareAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());

        Assert.Equal(new QueueStatus(spec.BrokerQueue, 2, 0), (await Transport.GetStatusAsync(spec.BrokerQueue)) with { RetriesWaiting = null }); // retries: Scheduling tests

        var (subscription, probe) = await SubscribeAsync(spec, prefetch: 1);
        var delivery = await probe.ExpectAsync();
        var status = await Transport.GetStatusAsync(spec.BrokerQueue);
        Assert.Equal(1, status.MessagesReady); // the other one is delivered, not ready
        Assert.Equal(1, status.Consumers);
        await delivery.AckAsync();
        await subscription.DisposeAsync();
    }

    [Fact]
    public async Task Purge_drops_the_ready_messages_and_says_how_many()
    {
        var spec = new QueueSpec(NewQueueName("purge"), Durable: false);
        await Transport.DeclareAsync(spec);
        for (var i = 0; i < 3; i++)
        {
            await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope());
        }

        Assert.Equal(3, await Transport.PurgeAsync(spec.BrokerQueue));
        Assert.Equal(0, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
        Assert.Equal(0, await Transport.PurgeAsync(spec.BrokerQueue));
    }

    [Fact]
    public async Task Status_of_a_queue_that_does_not_exist_fails()
    {
        await Assert.ThrowsAsync<TransportException>(() => Transport.GetStatusAsync(NewQueueName("missing")));
    }

    [Fact]
    public async Task Declaring_a_queue_again_with_another_spec_fails()
    {
        var name = NewQueueName("redeclare");
        await Transport.DeclareAsync(new QueueSpec(name, Durable: true));
        await Transport.DeclareAsync(new QueueSpec(name, Durable: true));

        await Assert.ThrowsAsync<TransportException>(() => Transport.DeclareAsync(new QueueSpec(name, Durable: false)));
    }
}
