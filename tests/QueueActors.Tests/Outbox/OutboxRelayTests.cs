using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Outbox;

/// <summary>
/// The relay against a real SQLite file or a real PostgreSQL database and a real RabbitMQ: an event exists if and only
/// if the application's transaction committed, reaches its queue once, and waits in the outbox while the broker is down.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxRelayTests(RabbitMqFixture brokers, PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Site = "shop.example";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _root = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly LogCapture _log = new();
    private ILoggerFactory _logging = null!;
    private RabbitMqTransport _transport = null!;
    private QueueTopology _topology = null!;

    private string Queue => "orders" + _id;

    [Theory]
    [InlineData(OutboxProvider.Sqlite)]
    [InlineData(OutboxProvider.Postgresql)]
    public async Task A_committed_event_is_delivered_once_and_a_rolled_back_one_never(OutboxProvider provider)
    {
        var database = await DatabaseAsync(provider);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        var rolledBack = await database.EnqueueAsync(Site, Queue, commit: false, new { order = 1 });
        var committed = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 2 }, new { order = 3 });
        var last = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 4 });

        await using var relay = StartRelay(database);
        var received = new List<string>();
        while (received.Count < 3)
        {
            var delivery = await probe.ExpectAsync(Wait);
            received.Add(delivery.Envelope.MessageId);
            await delivery.AckAsync();
        }

        // Once the outbox is empty the relay has nothing left to send: each committed event came once, the rolled-back one never.
        await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the relay to delete the published rows");
        Assert.Equal(committed.Append(last[0]).Order(), received.Order());
        Assert.DoesNotContain(rolledBack[0], received);
    }

    [Fact]
    public async Task A_row_for_an_invalid_site_goes_to_dead_letters_with_its_reason_and_the_rows_after_it_are_delivered()
    {
        var database = await DatabaseAsync(OutboxProvider.Sqlite);
        var deadLetters = await SubscribeAsync(_topology.DeadLetterSpec);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        await database.InsertRawAsync("bad-row", "no such site!", Queue);
        var after = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 1 });

        await using var relay = StartRelay(database);

        var letter = await deadLetters.ExpectAsync(Wait);
        using var record = JsonDocument.Parse(letter.Envelope.Body);
        Assert.Equal(("bad-row", "Unroutable"), (record.RootElement.GetProperty("messageId").GetString(), record.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(after[0], (await probe.ExpectAsync(Wait)).Envelope.MessageId);
        await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the dead-lettered row to be deleted, not retried");
    }

    [Fact]
    public async Task With_the_broker_down_the_rows_stay_and_are_delivered_once_it_is_back()
    {
        var database = await DatabaseAsync(OutboxProvider.Postgresql);
        var probe = await SubscribeAsync(_topology.SpecFor(Site, Queue));
        await using var relay = StartRelay(database);
        await brokers.Primary.StopAsync();
        try
        {
            var ids = await database.EnqueueAsync(Site, Queue, commit: true, new { order = 1 });
            await _log.ExpectAsync(e => e.EventId.Id == 6602, Wait); // the relay tried, and failed
            Assert.Equal(1, await database.CountRowsAsync());

            await brokers.Primary.StartAsync();
            var delivery = await probe.ExpectAsync(Wait);
            Assert.Equal(ids[0], delivery.Envelope.MessageId);
            await delivery.AckAsync();
            await AwaitCondition.UntilAsync(async () => await database.CountRowsAsync() == 0, Wait, "the relay to delete the row after the confirm");
        }
        finally
        {
            if (!brokers.Primary.IsRunning)
            {
                await brokers.Primary.StartAsync();
            }
        }
    }

    public async Task InitializeAsync()
    {
        _logging = LoggerFactory.Create(logging => logging.AddProvider(_log));
        _transport = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var config = ConfigLoader.LoadText($$"""queueactors.messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}" }""", Hocon.Environment());
        _topology = new QueueTopology(MessagingSettings.FromConfig(config));
    }

    public async Task DisposeAsync()
    {
        foreach (var entry in _log.Entries)
        {
            output.WriteLine(entry.ToString());
        }

        await _transport.DisposeAsync();
        _logging.Dispose();
        _root.Dispose();
    }

    private async Task<OutboxTestDatabase> DatabaseAsync(OutboxProvider provider) =>
        await OutboxTestDatabase.CreateAsync(provider, provider == OutboxProvider.Postgresql
            ? await postgres.Server.CreateDatabaseAsync("outbox_" + _id)
            : $"Data Source={Path.Combine(_root.Path, "app.db")}");

    private async Task<DeliveryProbe> SubscribeAsync(QueueSpec spec)
    {
        var probe = new DeliveryProbe();
        await _transport.SubscribeAsync(spec, prefetch: 100, probe.OnDeliveryAsync);
        return probe;
    }

    private RunningRelay StartRelay(OutboxTestDatabase database) => new(database, _transport, _topology, batchSize: 10, _logging.CreateLogger<OutboxRelay>());
}
