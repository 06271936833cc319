using System.Collections.Concurrent;
using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Outbox;

/// <summary>
/// kill -9 of a node that relays the outbox while the application keeps committing events: another relay takes over
/// (here one in the test process), nothing committed is lost, and the only duplicates are rows the killed relay had
/// published but not yet deleted: at most one batch.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxRelayKillTests(RabbitMqFixture brokers, PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Site = "shop.example";
    private const int BatchSize = 50;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new();
    private readonly string _queue = "paid" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<string> _received = new();
    private readonly ConcurrentQueue<string> _committed = new();
    private WorkerProcess? _worker;
    private RabbitMqTransport _transport = null!;

    [Fact]
    public async Task Killing_the_relaying_node_mid_stream_loses_nothing_and_duplicates_at_most_one_batch()
    {
        var database = await OutboxTestDatabase.CreateAsync(OutboxProvider.Postgresql, await postgres.Server.CreateDatabaseAsync("outbox_kill"));
        var topology = new QueueTopology(MessagingSettings.FromConfig(ConfigLoader.LoadText($"queueactors.messaging.persistent = [{_queue}]", Hocon.Environment())));
        await _transport.SubscribeAsync(topology.SpecFor(Site, _queue), prefetch: 500, async (delivery, _) =>
        {
            _received.Enqueue(delivery.Envelope.MessageId);
            await delivery.AckAsync();
        });
        using var producing = new CancellationTokenSource();
        var producer = ProduceAsync(database, producing.Token);

        _worker = WorkerProcess.Start(WriteConfig(database), "unused" + _queue, Path.Combine(_root.Path, "out"));
        await AwaitCondition.UntilAsync(() => _received.Count >= 300 || _worker.HasExited, Wait, "the node's relay to publish its first events");
        _worker.KillHard();
        await _worker.WaitForExitAsync();
        var atKill = _received.Count;

        // Another relay takes over while the application still commits; then the application stops and the outbox drains.
        await using (new RunningRelay(database, _transport, topology, BatchSize))
        {
            await AwaitCondition.UntilAsync(() => _received.Count >= atKill + 100, Wait, "the second relay to publish");
            await producing.CancelAsync();
            await producer;
            var committed = _committed.ToHashSet(StringComparer.Ordinal);
            await AwaitCondition.UntilAsync(
                async () => committed.IsSubsetOf(_received) && await database.CountRowsAsync() == 0,
                Wait,
                "every committed event to be delivered and the outbox drained");

            var duplicates = _received.Count - _received.Distinct().Count();
            output.WriteLine($"{committed.Count} committed, {_received.Count} delivered ({atKill} before the kill), {duplicates} duplicates");
            Assert.True(atKill < committed.Count, "killed mid-stream, not after it");
            Assert.InRange(duplicates, 0, BatchSize);
            Assert.True(_received.ToHashSet(StringComparer.Ordinal).SetEquals(committed), "nothing delivered that was not committed");
        }
    }

    public async Task InitializeAsync() => _transport = await TestTransports.ConnectAsync(brokers.Primary.AmqpUri);

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            output.WriteLine($"--- node {_worker.Id} ---\n{_worker.Output}");
            await _worker.DisposeAsync();
        }

        await _transport.DisposeAsync();
        _root.Dispose();
    }

    // The application: small transactions of five events, one after another, until told to stop.
    private async Task ProduceAsync(OutboxTestDatabase database, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            var ids = await database.EnqueueAsync(Site, _queue, commit: true, [.. Enumerable.Range(0, 5).Select(n => (object)new { order = i, n })]);
            foreach (var id in ids)
            {
                _committed.Enqueue(id);
            }
        }
    }

    private string WriteConfig(OutboxTestDatabase database)
    {
        var file = Path.Combine(_root.Path, "node.conf");
        File.WriteAllText(file, $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              messaging.persistent = [{{_queue}}]
              outbox { enabled = on, provider = postgresql, connection-string = {{JsonSerializer.Serialize(database.ConnectionString)}}, batch-size = {{BatchSize}}, poll-interval = 50ms }
              shutdown-timeout = 5s
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
            }
            """);
        return file;
    }
}
