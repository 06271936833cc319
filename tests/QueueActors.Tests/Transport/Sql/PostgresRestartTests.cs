using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>A consumer outlives a restart of PostgreSQL: its claims retry, its LISTEN connection comes back.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_consumer_gets_what_is_published_after_the_database_restarted()
    {
        var connectionString = await postgres.DatabaseFor(GetType());
        var spec = new QueueSpec("qa.restart." + Guid.NewGuid().ToString("N")[..8], Durable: true);
        await using var consumer = await SqlTestTransports.OpenPostgresAsync(connectionString, SqlTestTransports.Settings with { ReclaimInterval = TimeSpan.FromSeconds(1) });
        var probe = new DeliveryProbe();
        await using var subscription = await consumer.SubscribeAsync(spec, 10, probe.OnDeliveryAsync);
        await using (var before = await SqlTestTransports.OpenPostgresAsync(connectionString))
        {
            await before.PublishAsync(spec.BrokerQueue, Message("before"));
            Assert.Equal("before", Text(await probe.ExpectAsync()));
        }

        await postgres.Server.RestartAsync(); // cuts every session: the consumer's pools and its LISTEN connection

        await using var after = await SqlTestTransports.OpenPostgresAsync(connectionString);
        await after.PublishAsync(spec.BrokerQueue, Message("after"));
        Assert.Equal("after", Text(await probe.ExpectAsync(TimeSpan.FromSeconds(15))));
    }

    private static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Envelope.Body.Span);

    private static Envelope Message(string body) => new() { Site = "s", Queue = "q", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(body) };
}
