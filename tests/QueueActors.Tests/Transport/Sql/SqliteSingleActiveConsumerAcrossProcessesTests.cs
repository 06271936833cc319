using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>
/// Two transports with their own database instances on one SQLite file, as two processes have: of their
/// subscriptions to a single-active-consumer queue only one gets messages; when it goes, the other takes over.
/// </summary>
public sealed class SqliteSingleActiveConsumerAcrossProcessesTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);
    private static readonly SqlTransportSettings Settings = SqlTestTransports.Settings with { ReclaimInterval = TimeSpan.FromMilliseconds(200) };
    private readonly TempDirectory _directory = new();
    private readonly QueueSpec _spec = new($"test.sac.{Guid.NewGuid():N}", Durable: true) { SingleActiveConsumer = true };
    private SqlTransport _first = null!;
    private SqlTransport _second = null!;

    public async Task InitializeAsync()
    {
        _first = await SqlTestTransports.OpenSqliteAsync(_directory.Path, Settings);
        _second = await SqlTestTransports.OpenSqliteAsync(_directory.Path, Settings);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Only_one_process_consumes_and_the_other_takes_over_when_it_goes()
    {
        var active = new DeliveryProbe();
        var standby = new DeliveryProbe();
        var activeSubscription = await _first.SubscribeAsync(_spec, 10, active.OnDeliveryAsync);
        await _first.PublishAsync(_spec.BrokerQueue, Envelope("one"));
        await (await active.ExpectAsync(Quickly)).AckAsync(); // the first process holds the lease now
        await using var standbySubscription = await _second.SubscribeAsync(_spec, 10, standby.OnDeliveryAsync);

        for (var i = 0; i < 5; i++)
        {
            await _second.PublishAsync(_spec.BrokerQueue, Envelope("while active " + i));
            await (await active.ExpectAsync(Quickly)).AckAsync();
        }

        await standby.ExpectNoneAsync(TimeSpan.FromMilliseconds(600)); // three reclaim rounds: the standby claims nothing

        await activeSubscription.DisposeAsync();
        await _first.PublishAsync(_spec.BrokerQueue, Envelope("after"));

        var taken = await standby.ExpectAsync(Quickly);
        Assert.Equal("after", Encoding.UTF8.GetString(taken.Envelope.Body.Span));
    }

    private static Envelope Envelope(string text) => new() { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(text) };
}
