using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>A single-active-consumer queue on PostgreSQL feeds one consumer of all nodes; another takes over when it goes.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSingleActiveConsumerTests(PostgresFixture postgres) : PostgresNodesTestBase(postgres)
{
    [Fact]
    public async Task Only_one_node_consumes_until_it_goes_then_another_node_takes_over_with_what_was_unsettled()
    {
        var spec = new QueueSpec("qa.xmpp." + Guid.NewGuid().ToString("N")[..8], Durable: true) { SingleActiveConsumer = true };
        var node1 = await OpenNodeAsync(SqlWakeupTests.NoFallback);
        var node2 = await OpenNodeAsync(SqlWakeupTests.NoFallback);
        var first = new DeliveryProbe();
        var second = new DeliveryProbe();
        var active = await node1.SubscribeAsync(spec, 10, first.OnDeliveryAsync);
        var a = await PublishAndExpectAsync(node2, spec, "a", first);
        await using var standby = await node2.SubscribeAsync(spec, 10, second.OnDeliveryAsync);

        await PublishAndExpectAsync(node2, spec, "b", first);
        await second.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
        await active.DisposeAsync(); // a and b were never settled: they come back, counted, to the new active consumer

        var takenOver = new[] { await second.ExpectAsync(), await second.ExpectAsync() };
        Assert.Equal(["a", "b"], takenOver.Select(d => Encoding.UTF8.GetString(d.Envelope.Body.Span)).Order());
        Assert.All(takenOver, d => Assert.Equal(2, d.DeliveryCount));
        Assert.Contains(takenOver, d => d.Envelope.MessageId == a.Envelope.MessageId);
    }

    private static async Task<Delivery> PublishAndExpectAsync(SqlTransport producer, QueueSpec spec, string body, DeliveryProbe probe)
    {
        await producer.PublishAsync(spec.BrokerQueue, new Envelope { Site = "s", Queue = "xmpp", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(body) });
        return await probe.ExpectAsync();
    }

}
