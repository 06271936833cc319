using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>A broker restart: a broadcast fails while no server is up, and the subscription comes back by itself.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBroadcastRestartTests(RabbitMqFixture brokers) : BroadcastTestBase
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    private RabbitMqTransport Rabbit => (RabbitMqTransport)Transport;

    protected override async Task<ITransport> CreateTransportAsync() => await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    [Fact]
    public async Task Subscription_comes_back_after_a_broker_restart_and_a_broadcast_fails_while_the_broker_is_down()
    {
        var channel = NewChannel("restart");
        var probe = await SubscribeAsync(Transport, channel);
        await PublishAsync(channel, "before");
        Assert.Equal("before", await probe.ExpectAsync());

        await brokers.Primary.StopAsync();
        var back = NextServerReady();
        try
        {
            await AwaitCondition.UntilAsync(() => Rabbit.ConnectedServers.Count == 0, TimeSpan.FromSeconds(30), "the transport sees the broker gone");
            var error = await Assert.ThrowsAsync<TransportException>(async () => await PublishAsync(channel, "lost"));
            Assert.Contains("no server is up", error.Message);
            Assert.DoesNotContain("guest:guest", error.Message);
        }
        finally
        {
            await brokers.Primary.StartAsync();
        }

        await back.WaitAsync(RecoveryTimeout);
        await PublishAsync(channel, "after");
        Assert.Equal("after", await probe.ExpectAsync());
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    private Task NextServerReady()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Rabbit.ServerReady += _ => ready.TrySetResult();
        return ready.Task;
    }
}
