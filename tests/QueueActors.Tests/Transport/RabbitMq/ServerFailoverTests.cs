using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>Two independent brokers: publishes fail over, a worker consumes from both.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ServerFailoverTests(RabbitMqFixture brokers) : TransportTestBase
{
    private RabbitMqBroker _secondary = null!;

    protected override async Task<ITransport> CreateTransportAsync()
    {
        _secondary = await brokers.GetSecondaryAsync();
        return await TestTransports.ConnectAsync(brokers.Primary.AmqpUri, _secondary.AmqpUri);
    }

    [Fact]
    public async Task Publishes_fail_over_to_the_server_still_up_and_consumption_goes_on()
    {
        var spec = new QueueSpec(NewQueueName("failover"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);
        var rabbit = (RabbitMqTransport)Transport;
        Assert.Equal(2, rabbit.ConnectedServers.Count);

        await brokers.Primary.StopAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"m{i}"));
            }

            for (var i = 0; i < 10; i++)
            {
                await (await probe.ExpectAsync()).AckAsync();
            }

            Assert.Equal([MaskedName(_secondary)], rabbit.ConnectedServers);
        }
        finally
        {
            var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            rabbit.ServerReady += name => { if (name == MaskedName(brokers.Primary)) { back.TrySetResult(); } };
            await brokers.Primary.StartAsync();
            await back.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await Transport.PublishAsync(spec.BrokerQueue, NewEnvelope("after"));
        Assert.Equal("after", Text(await probe.ExpectAsync()));
    }

    [Fact]
    public async Task Publishes_waiting_on_a_hung_server_fail_over_once_it_confirmed_nothing_for_the_publish_timeout()
    {
        var spec = new QueueSpec(NewQueueName("hung"), Durable: true);
        var (_, probe) = await SubscribeAsync(spec);
        var rabbit = (RabbitMqTransport)Transport;
        var timeout = TestTransports.Options().PublishTimeout;

        await brokers.Primary.FreezeAsync();
        try
        {
            // Each publish starts on a random server: of 20, some wait on the frozen one.
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Transport.PublishAsync(spec.BrokerQueue, NewEnvelope($"m{i}")).AsTask()))
                .WaitAsync(timeout * 3);
            var texts = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var delivery = await probe.ExpectAsync();
                texts.Add(Text(delivery));
                await delivery.AckAsync();
            }

            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}").Order(), texts.Order());
            Assert.True(started.Elapsed >= timeout, $"the publishes on the frozen server failed over after {started.Elapsed}, before the publish timeout ({timeout})");
            Assert.Equal([MaskedName(_secondary)], rabbit.ConnectedServers); // its connection was aborted
        }
        finally
        {
            var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            rabbit.ServerReady += name => { if (name == MaskedName(brokers.Primary)) { back.TrySetResult(); } };
            await brokers.Primary.ThawAsync();
            await back.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task A_subscription_consumes_from_every_server()
    {
        var spec = new QueueSpec(NewQueueName("everywhere"), Durable: true);
        await Transport.DeclareAsync(spec);
        await using var onPrimary = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        await using var onSecondary = await TestTransports.ConnectAsync(_secondary.AmqpUri);
        await onPrimary.PublishAsync(spec.BrokerQueue, NewEnvelope("from primary"));
        await onSecondary.PublishAsync(spec.BrokerQueue, NewEnvelope("from secondary"));

        Assert.Equal(2, (await Transport.GetStatusAsync(spec.BrokerQueue)).MessagesReady); // summed over both brokers

        var (_, probe) = await SubscribeAsync(spec);
        var got = new[] { Text(await probe.ExpectAsync()), Text(await probe.ExpectAsync()) };
        Assert.Equal(["from primary", "from secondary"], got.Order());
    }

    private static string MaskedName(RabbitMqBroker broker) => $"amqp://guest:***@127.0.0.1:{broker.AmqpPort}/";
}
