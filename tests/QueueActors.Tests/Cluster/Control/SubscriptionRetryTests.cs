using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

public sealed class SubscriptionRetryTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task A_control_actor_whose_first_subscription_fails_subscribes_again_and_then_serves_commands()
    {
        var broadcast = new FailingFirstSubscription(Transport);
        var handler = new RecordingHandler("test ping");
        var services = Services("node-a", [NodeSettings.WorkerRole], handlers: [handler], broadcast: broadcast);

        Sys.ActorOf(ControlActor.Props(services, null), "node-a-control");

        await Logs.ExpectAsync(e => e.EventId.Id == 6309);
        await Logs.ExpectAsync(e => e.EventId.Id == 6303, TimeSpan.FromSeconds(10));
        var client = await ConnectClientAsync();
        Assert.Equal("node-a", Assert.Single((await client.SendAsync(new ControlCall("test ping"))).Served).Node);
        Assert.Equal(2, broadcast.Attempts);
    }

    private sealed class FailingFirstSubscription(IBroadcast inner) : IBroadcast
    {
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
            inner.BroadcastAsync(channel, message, cancellationToken);

        public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref attempts) == 1
                ? throw new TransportException("no server is up")
                : inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);
    }
}
