using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>
/// Two independent brokers: a subscriber bound on both gets what is published on either; a publisher on
/// both sends to each (so the subscriber gets it twice: receivers deduplicate), and still gets through
/// while one of them is down.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBroadcastServersTests(RabbitMqFixture brokers) : BroadcastTestBase
{
    private RabbitMqBroker _secondary = null!;

    private RabbitMqTransport Rabbit => (RabbitMqTransport)Transport;

    protected override async Task<ITransport> CreateTransportAsync()
    {
        _secondary = await brokers.GetSecondaryAsync();
        return await TestTransports.ConnectAsync(brokers.Primary.AmqpUri, _secondary.AmqpUri);
    }

    [Fact]
    public async Task A_subscriber_on_both_servers_gets_what_is_published_on_either()
    {
        var channel = NewChannel("servers");
        var probe = await SubscribeAsync(Transport, channel);
        await using var onPrimary = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        await using var onSecondary = await TestTransports.ConnectAsync(_secondary.AmqpUri);

        await PublishAsync(onPrimary, channel, "from primary");
        Assert.Equal("from primary", await probe.ExpectAsync());
        await PublishAsync(onSecondary, channel, "from secondary");
        Assert.Equal("from secondary", await probe.ExpectAsync());

        await PublishAsync(channel, "from both");
        Assert.Equal(["from both", "from both"], await probe.ExpectAsync(2));
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_broadcast_gets_through_while_one_server_is_down()
    {
        var channel = NewChannel("one-down");
        var probe = await SubscribeAsync(Transport, channel);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Rabbit.ServerReady += name => { if (name.Contains($":{brokers.Primary.AmqpPort}/", StringComparison.Ordinal)) { back.TrySetResult(); } };

        await brokers.Primary.StopAsync();
        try
        {
            await AwaitCondition.UntilAsync(() => Rabbit.ConnectedServers.Count == 1, TimeSpan.FromSeconds(30), "the transport sees the primary gone");
            await PublishAsync(channel, "via secondary");
            Assert.Equal("via secondary", await probe.ExpectAsync());
            await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            await brokers.Primary.StartAsync();
        }

        await back.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await PublishAsync(channel, "after");
        Assert.Equal(["after", "after"], await probe.ExpectAsync(2)); // bound on the primary again
    }
}
