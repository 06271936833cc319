using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Benchmarks.Persistence;

namespace QueueActors.Benchmarks.Outbox;

/// <summary>
/// Issue [10] item 4: the throughput cost of the outbox against a plain publish, one run side by side on one broker.
/// Both rows count from the first call until a consumer of the queue has every event: plain = <see cref="EventPublisher"/>
/// with confirms; outbox = one application transaction per event (an INSERT through <see cref="OutboxWriter"/>, then
/// COMMIT) on SQLite (WAL file, synchronous=FULL) or PostgreSQL (fsync on), while one <see cref="OutboxRelay"/> moves
/// the rows to the broker. Then the same three on a queue split into <see cref="Partitions"/> partitions, the events
/// keyed over 64 keys: the relay publishes a partition's rows one after another, to keep each key's order.
/// </summary>
internal static class OutboxBenchmark
{
    private const string Site = "bench.example";
    private const int Writers = 8;
    private const int Partitions = 8;

    public static async Task<int> RunAsync(Uri broker, int events)
    {
        await using var transport = await RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions
        {
            Servers = [broker],
            ClientName = "outbox-bench",
            InitialReconnectInterval = TimeSpan.FromMilliseconds(200),
            MaxReconnectInterval = TimeSpan.FromSeconds(1),
            PublishTimeout = TimeSpan.FromSeconds(10),
        });
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-outbox-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var external = Environment.GetEnvironmentVariable("QUEUEACTORS_POSTGRES");
        await using var cluster = string.IsNullOrEmpty(external) ? await BenchmarkPostgres.StartAsync() : null;
        try
        {
            Console.WriteLine($"{events} events, {Writers} concurrent writers, persistent queue, 1 relay (batch-size 100)");
            var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "app.db"), Pooling = true }.ConnectionString;
            await using (var connection = new SqliteConnection(sqlite))
            {
                await connection.OpenAsync();
                await using var pragma = new SqliteCommand("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", connection);
                await pragma.ExecuteNonQueryAsync();
            }

            var postgres = external is { Length: > 0 } ? external : cluster!.ConnectionString;
            foreach (var partitions in new[] { 1, Partitions })
            {
                await PlainAsync(transport, events, partitions);
                await OutboxAsync(transport, events, partitions, OutboxProvider.Sqlite, sqlite);
                await OutboxAsync(transport, events, partitions, OutboxProvider.Postgresql, postgres);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PlainAsync(ITransport transport, int events, int partitions)
    {
        var (topology, queue) = Topology(partitions);
        var publisher = new EventPublisher(transport, topology);
        var elapsed = await MeasureAsync(transport, topology, queue, events, (_, i) => partitions > 1
            ? publisher.PublishAsync(Site, queue, new { order = i }, new PublishOptions { PartitionKey = KeyOf(i) }).AsTask()
            : publisher.PublishAsync(Site, queue, new { order = i }).AsTask());
        Report("plain publish (confirms)", partitions, events, elapsed);
    }

    private static async Task OutboxAsync(ITransport transport, int events, int partitions, OutboxProvider provider, string connectionString)
    {
        var (topology, queue) = Topology(partitions);
        await using (var connection = Open(provider, connectionString))
        {
            await OutboxSchema.EnsureCreatedAsync(connection, provider);
        }

        var settings = new OutboxSettings { Enabled = true, Provider = provider, ConnectionString = connectionString, PollInterval = TimeSpan.FromMilliseconds(200) };
        using var stop = new CancellationTokenSource();
        await using var relay = new OutboxRelay(settings, transport, topology, "bench", NullLogger.Instance);
        topology.SitesKnown();
        var running = relay.RunAsync(stop.Token);
        var writer = new OutboxWriter(topology: topology);
        var elapsed = await MeasureAsync(transport, topology, queue, events, async (_, i) =>
        {
            await using var connection = Open(provider, connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await writer.EnqueueAsync(transaction, Site, queue, new { order = i }, KeyOf(i));
            await transaction.CommitAsync();
        });
        await stop.CancelAsync();
        await running;
        Report($"outbox on {provider} (1 tx per event + relay)", partitions, events, elapsed);
    }

    /// <summary>Runs <paramref name="produce"/> for every event over <see cref="Writers"/> concurrent writers; returns the time until all were consumed.</summary>
    private static async Task<(TimeSpan Produced, TimeSpan Consumed)> MeasureAsync(ITransport transport, QueueTopology topology, string queue, int events, Func<int, int, Task> produce)
    {
        var consumed = new Countdown(events);
        var subscriptions = new List<ISubscription>();
        foreach (var spec in Enumerable.Range(0, topology.PartitionsOf(queue)).Select(p => topology.IsPartitioned(queue) ? topology.PartitionSpec(queue, p) : topology.SpecFor(Site, queue)))
        {
            await transport.DeclareAsync(spec);
            subscriptions.Add(await transport.SubscribeAsync(spec, 500, async (delivery, _) =>
            {
                await delivery.AckAsync();
                consumed.Signal();
            }));
        }

        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < events; i = Interlocked.Increment(ref next))
            {
                await produce(w, i);
            }
        })));
        var produced = clock.Elapsed;
        await consumed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }

        return (produced, elapsed);
    }

    /// <summary>64 keys, so that every partition gets some.</summary>
    private static string KeyOf(int i) => "key" + (i % 64).ToString(CultureInfo.InvariantCulture);

    private static (QueueTopology Topology, string Queue) Topology(int partitions)
    {
        var queue = "outboxbench" + Guid.NewGuid().ToString("N")[..6];
        var split = partitions > 1 ? $"queueactors.messaging.partitions {{ {queue} = {partitions} }}" : "";
        var config = ConfigLoader.LoadText($"queueactors.messaging.persistent = [{queue}]\n{split}", _ => null);
        return (new QueueTopology(MessagingSettings.FromConfig(config)), queue);
    }

    private static DbConnection Open(OutboxProvider provider, string connectionString) =>
        provider == OutboxProvider.Postgresql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private static void Report(string label, int partitions, int events, (TimeSpan Produced, TimeSpan Consumed) elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label + (partitions > 1 ? $", {partitions} partitions" : ""),-62} {events / elapsed.Consumed.TotalSeconds,8:F0} events/s end to end ({elapsed.Consumed.TotalMilliseconds:F0} ms; the producers' calls returned after {elapsed.Produced.TotalMilliseconds:F0} ms)"));
}
