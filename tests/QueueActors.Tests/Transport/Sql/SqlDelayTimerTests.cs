using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>A delayed row wakes its consumer by a timer on the injected clock, set for the row's time: no polling.</summary>
public sealed class SqlDelayTimerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Delayed_message_arrives_when_the_clock_reaches_its_time_and_not_before()
    {
        var clock = new ManualTimeProvider();
        await using var transport = await SqlTestTransports.OpenSqliteAsync(_directory.Path, SqlWakeupTests.NoFallback, clock);
        var spec = new QueueSpec("qa.later", Durable: true);
        var probe = new DeliveryProbe();
        await using var subscription = await transport.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
        var heartbeatAt = clock.GetUtcNow() + SqlWakeupTests.NoFallback.ReclaimInterval;
        await AwaitCondition.UntilAsync(() => clock.DueTimes.Contains(heartbeatAt), because: "the idle consumer armed its heartbeat timer");

        var delay = TimeSpan.FromMinutes(5);
        var dueAt = clock.GetUtcNow() + delay;
        await transport.PublishDelayedAsync(spec.BrokerQueue, new Envelope { Site = "s", Queue = "later", EnqueuedAt = clock.GetUtcNow() }, delay);
        await AwaitCondition.UntilAsync(() => clock.DueTimes.Contains(dueAt), because: "the consumer armed a timer for the delayed row");
        clock.Advance(TimeSpan.FromMinutes(4));
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
        clock.Advance(TimeSpan.FromMinutes(1));

        var delivery = await probe.ExpectAsync();
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.AckAsync();
    }
}
