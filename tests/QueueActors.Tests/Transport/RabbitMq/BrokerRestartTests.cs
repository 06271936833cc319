using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>A broker restart: durable queues keep their messages, the transport reconnects by itself.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerRestartTests(RabbitMqFixture brokers) : TransportTestBase
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    private RabbitMqTransport Rabbit => (RabbitMqTransport)Transport;

    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    [Fact]
    public async Task Durable_queue_is_a_quorum_queue_that_keeps_its_messages_across_a_restart()
    {
        var durable = new QueueSpec(NewQueueName("durable"), Durable: true);
        var transient = new QueueSpec(NewQueueName("transient"), Durable: false);
        await Transport.DeclareAsync(durable);
        await Transport.DeclareAsync(transient);
        await Transport.PublishAsync(durable.BrokerQueue, NewEnvelope("kept 1"));
        await Transport.PublishAsync(durable.BrokerQueue, NewEnvelope("kept 2"));
        await Transport.PublishAsync(transient.BrokerQueue, NewEnvelope("lost"));

        var queues = await brokers.Primary.CtlAsync("list_queues", "name", "type", "durable", "--no-table-headers", "-q");
        Assert.Contains($"{durable.BrokerQueue}\tquorum\ttrue", queues);
        Assert.Contains($"{transient.BrokerQueue}\tclassic\tfalse", queues);

        var back = NextServerReady();
        await brokers.Primary.RestartAsync();
        await back.WaitAsync(RecoveryTimeout);

        Assert.Equal(2, (await Transport.GetStatusAsync(durable.BrokerQueue)).MessagesReady);
        Assert.Equal(0, (await Transport.GetStatusAsync(transient.BrokerQueue)).MessagesReady); // declared again, empty
        var (_, probe) = await SubscribeAsync(durable);
        Assert.Equal("kept 1", Text(await probe.ExpectAsync()));
        Assert.Equal("kept 2", Text(await probe.ExpectAsync()));
    }

    [Fact]
    public async Task Subscription_comes_back_by_itself_after_a_restart_and_nothing_is_lost()
    {
        var spec = new QueueSpec(NewQueueName("comeback"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);
        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("in flight"));
        var inFlight = await probe.ExpectAsync();

        var back = NextServerReady();
        await brokers.Primary.RestartAsync();
        await back.WaitAsync(RecoveryTimeout);

        var redelivered = await probe.ExpectAsync();
        Assert.Equal(inFlight.Envelope.MessageId, redelivered.Envelope.MessageId);
        Assert.True(redelivered.IsRedelivery);
        await inFlight.AckAsync(); // its channel died with the broker: a no-op
        await redelivered.AckAsync();

        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("after"));
        var after = await probe.ExpectAsync();
        Assert.Equal("after", Text(after));
        await after.AckAsync();
        Assert.Equal(1, (await Transport.GetStatusAsync(spec.BrokerQueue)).Consumers);
    }

    private Task NextServerReady()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Rabbit.ServerReady += _ => ready.TrySetResult();
        return ready.Task;
    }
}
