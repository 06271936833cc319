using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>The SQLite file holds the queues: messages and delays outlive the process that published them.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_published_message_survives_closing_and_reopening_the_file()
    {
        var spec = new QueueSpec("qa.durable", Durable: true);
        var sent = Message("kept");
        await using (var before = await SqlTestTransports.OpenSqliteAsync(_directory.Path))
        {
            await before.DeclareAsync(spec);
            await before.PublishAsync(spec.BrokerQueue, sent);
        }

        await using var after = await SqlTestTransports.OpenSqliteAsync(_directory.Path);
        Assert.Equal(1, (await after.GetStatusAsync(spec.BrokerQueue)).MessagesReady);
        var probe = new DeliveryProbe();
        await using var subscription = await after.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);

        var delivery = await probe.ExpectAsync();
        Assert.Equal(sent.MessageId, delivery.Envelope.MessageId);
        Assert.Equal("kept", Encoding.UTF8.GetString(delivery.Envelope.Body.Span));
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.AckAsync();
    }

    [Fact]
    public async Task A_delivery_unsettled_when_the_transport_closes_comes_back_counted_after_reopening()
    {
        var spec = new QueueSpec("qa.unsettled", Durable: true);
        await using (var before = await SqlTestTransports.OpenSqliteAsync(_directory.Path))
        {
            var probe = new DeliveryProbe();
            await before.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
            await before.PublishAsync(spec.BrokerQueue, Message("in flight"));
            _ = await probe.ExpectAsync();
        }

        await using var after = await SqlTestTransports.OpenSqliteAsync(_directory.Path);
        var again = new DeliveryProbe();
        await using var subscription = await after.SubscribeAsync(spec, 10, again.OnDeliveryAsync);

        var redelivery = await again.ExpectAsync();
        Assert.Equal(2, redelivery.DeliveryCount);
        await redelivery.AckAsync();
    }

    [Fact]
    public async Task A_delayed_message_survives_closing_and_reopening_the_file()
    {
        var spec = new QueueSpec("qa.later", Durable: true);
        await using (var before = await SqlTestTransports.OpenSqliteAsync(_directory.Path))
        {
            await before.DeclareAsync(spec);
            await before.PublishDelayedAsync(spec.BrokerQueue, Message("retry"), TimeSpan.FromMilliseconds(300));
        }

        await using var after = await SqlTestTransports.OpenSqliteAsync(_directory.Path);
        var probe = new DeliveryProbe();
        await using var subscription = await after.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);

        Assert.Equal("retry", Encoding.UTF8.GetString((await probe.ExpectAsync()).Envelope.Body.Span));
    }

    private static Envelope Message(string body) => new() { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(body) };
}
