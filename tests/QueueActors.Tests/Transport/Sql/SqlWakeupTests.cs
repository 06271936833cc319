using System.Diagnostics;
using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// No polling: with the consumers' fallback timer set to an hour, a publish still reaches an idle consumer
/// at once (SQLite: the in-process signal after the commit).
/// </summary>
public sealed class SqlWakeupTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    internal static SqlTransportSettings NoFallback => SqlTestTransports.Settings with { ReclaimInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task An_idle_consumer_is_woken_by_a_publish_from_another_transport_on_the_same_file()
    {
        await using var consumerSide = await SqlTestTransports.OpenSqliteAsync(_directory.Path, NoFallback);
        var spec = new QueueSpec("qa.wake", Durable: true);
        var probe = new DeliveryProbe();
        await using var subscription = await consumerSide.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(100)); // the consumer has gone idle

        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await consumerSide.PublishAsync(spec.BrokerQueue, new Envelope { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes($"m{i}") });
            await (await probe.ExpectAsync(TimeSpan.FromSeconds(5))).AckAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"woken after {clock.Elapsed}");
        }
    }
}
