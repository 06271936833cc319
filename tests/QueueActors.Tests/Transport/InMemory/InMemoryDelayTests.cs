using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.InMemory;

/// <summary>In-memory delays run on the injected clock: nothing arrives until the clock reaches the delay.</summary>
public sealed class InMemoryDelayTests
{
    [Fact]
    public async Task Delayed_message_arrives_when_the_clock_reaches_the_delay_and_not_before()
    {
        var clock = new ManualTimeProvider();
        await using var transport = new InMemoryTransport(clock);
        var spec = new QueueSpec("qa.email", Durable: true);
        var probe = new DeliveryProbe();
        await using var subscription = await transport.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);

        await transport.PublishDelayedAsync(spec.BrokerQueue, new Envelope { Site = "s", Queue = "email", EnqueuedAt = clock.GetUtcNow() }, TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromMinutes(1));

        await (await probe.ExpectAsync()).AckAsync();
    }

    [Fact]
    public async Task Disposing_the_transport_drops_pending_delays()
    {
        var clock = new ManualTimeProvider();
        var transport = new InMemoryTransport(clock);
        await transport.DeclareAsync(new QueueSpec("qa.email", Durable: true));
        await transport.PublishDelayedAsync("qa.email", new Envelope { Site = "s", Queue = "email", EnqueuedAt = clock.GetUtcNow() }, TimeSpan.FromSeconds(1));

        await transport.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(2)); // must not throw or deliver
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.GetStatusAsync("qa.email"));
    }
}
