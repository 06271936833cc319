using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>RabbitMQ, with the scheduled events in the node's SQLite file (the relay publishes them with confirms).</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqScheduledEventsTests(RabbitMqFixture brokers, ITestOutputHelper output) : ScheduledEventsBehaviour(output)
{
    [Fact]
    public async Task A_scheduled_event_survives_a_broker_restart_the_relay_waits_for_the_broker_and_then_delivers_it()
    {
        var probe = await SubscribeAsync();
        StartRelay(Store);
        var envelope = new Envelope { Site = "s1", Queue = Queue, EnqueuedAt = DateTimeOffset.UtcNow, Body = "{}"u8.ToArray() };

        await brokers.Primary.StopAsync();
        try
        {
            // What the publisher does for a delayed event (its queue is declared: durable), while the broker is down.
            await Store.ScheduleAsync(BrokerQueue, envelope, DateTimeOffset.UtcNow + Delay);

            // Due while the broker is down: the relay's publish fails (it says so), the row stays.
            await Logs.ExpectAsync(e => e.EventId.Id == 2701 && e.Message.Contains(envelope.MessageId, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            Assert.Equal(envelope.MessageId, Assert.Single(await Store.ListAsync(BrokerQueue)).MessageId);
        }
        finally
        {
            await brokers.Primary.StartAsync();
        }

        var delivery = await probe.ExpectAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(envelope.MessageId, delivery.Envelope.MessageId);
        await delivery.AckAsync();
        // The relay deletes the row once the broker confirmed, which may be a moment after the delivery arrived.
        await QueueActors.TestKit.AwaitCondition.UntilAsync(async () => (await Store.ListAsync(BrokerQueue)).Count == 0, because: "the relay deleted the delivered event's row");
    }

    /// <summary>Not per queue (null): the total over the delay queues a 1 h delay can use, by passive declares.</summary>
    protected override async Task AssertOneRetryWaitingAsync(QueueStatus status)
    {
        Assert.Equal((0L, (long?)null), (status.MessagesReady, status.RetriesWaiting));
        var waiting = await ((Actors.Transport.RabbitMq.RabbitMqTransport)Transport).CountDelayedAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        Assert.True(waiting >= 1, $"the retry counted in the 1 h delay queue (counted {waiting})");
    }

    protected override async Task<ITransport> OpenTransportAsync(IList<IAsyncDisposable> owned) =>
        await Tests.Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
}
