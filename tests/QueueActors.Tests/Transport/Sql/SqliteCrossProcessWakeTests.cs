using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// Two transports with their own database instances on one SQLite file, as the CLI's process and
/// <c>queueactors run</c> have: a publish on one wakes the sleeping consumers of the other at once. Their
/// timers are set to five minutes, so only the wake-up can deliver within the test's few seconds.
/// </summary>
public sealed class SqliteCrossProcessWakeTests : IAsyncLifetime, IDisposable
{
    private static readonly SqlTransportSettings Settings = SqlTestTransports.Settings with { ReclaimInterval = TimeSpan.FromMinutes(5) };
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);
    private readonly TempDirectory _directory = new();
    private readonly SleepCountingTime _consumerTime = new();
    private SqlTransport _consumerSide = null!;
    private SqlTransport _otherProcess = null!;

    public async Task InitializeAsync()
    {
        _consumerSide = await SqlTestTransports.OpenSqliteAsync(_directory.Path, Settings, _consumerTime);
        _otherProcess = await SqlTestTransports.OpenSqliteAsync(_directory.Path, Settings);
    }

    public async Task DisposeAsync()
    {
        await _otherProcess.DisposeAsync();
        await _consumerSide.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_queue_publish_from_another_process_wakes_a_sleeping_consumer_at_once()
    {
        var spec = new QueueSpec($"test.wake.{Guid.NewGuid():N}", Durable: true);
        var probe = new DeliveryProbe();
        await using var subscription = await _consumerSide.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);

        await AsleepAsync();

        await _otherProcess.PublishAsync(spec.BrokerQueue, Envelope("from the CLI"));

        var delivery = await probe.ExpectAsync(Quickly);
        Assert.Equal("from the CLI", Encoding.UTF8.GetString(delivery.Envelope.Body.Span));
        await delivery.AckAsync();
    }

    [Fact]
    public async Task A_broadcast_from_another_process_wakes_a_sleeping_subscriber_at_once()
    {
        var channel = $"test.channel.wake.{Guid.NewGuid():N}";
        var got = new List<string>();
        await using var subscription = await _consumerSide.SubscribeBroadcastAsync(channel, (message, _) =>
        {
            lock (got)
            {
                got.Add(Encoding.UTF8.GetString(message.Span));
            }

            return ValueTask.CompletedTask;
        });

        await AsleepAsync();

        // From here on only wake-ups from the other side run the subscriber's loop: nothing here publishes.
        for (var i = 0; i < 3; i++)
        {
            await _otherProcess.BroadcastAsync(channel, Encoding.UTF8.GetBytes($"m{i}"));
            var expected = Enumerable.Range(0, i + 1).Select(n => $"m{n}").ToArray();
            await AwaitCondition.UntilAsync(() => { lock (got) { return got.SequenceEqual(expected); } }, Quickly, $"the subscriber got m0..m{i}");
        }
    }

    /// <summary>
    /// Waits until the (only) consumer of the consumer side armed its sleep timer: it found nothing and sleeps;
    /// nothing in its own process will wake it.
    /// </summary>
    private Task AsleepAsync() => AwaitCondition.UntilAsync(() => _consumerTime.TimersCreated > 0, Quickly, "the consumer goes to sleep");

    private static Envelope Envelope(string body) => new()
    {
        Site = "example.org",
        Queue = "email",
        EnqueuedAt = DateTimeOffset.UtcNow,
        Body = Encoding.UTF8.GetBytes(body),
    };
}
