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
/// the rows to the broker.
/// </summary>
internal static class OutboxBenchmark
{
    private const string Site = "bench.example";
    private const int Writers = 8;

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
            await PlainAsync(transport, events);
            var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "app.db"), Pooling = true }.ConnectionString;
            await using (var connection = new SqliteConnection(sqlite))
            {
                await connection.OpenAsync();
                await using var pragma = new SqliteCommand("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", connection);
                await pragma.ExecuteNonQueryAsync();
            }

            await OutboxAsync(transport, events, OutboxProvider.Sqlite, sqlite);
            await OutboxAsync(transport, events, OutboxProvider.Postgresql, external is { Length: > 0 } ? external : cluster!.ConnectionString);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PlainAsync(ITransport transport, int events)
    {
        var (topology, queue) = Topology();
        var publisher = new EventPublisher(transport, topology);
        var elapsed = await MeasureAsync(transport, topology, queue, events, (_, i) => publisher.PublishAsync(Site, queue, new { order = i }).AsTask());
        Report("plain publish (confirms)", events, elapsed);
    }

    private static async Task OutboxAsync(ITransport transport, int events, OutboxProvider provider, string connectionString)
    {
        var (topology, queue) = Topology();
        await using (var connection = Open(provider, connectionString))
        {
            await OutboxSchema.EnsureCreatedAsync(connection, provider);
        }

        var settings = new OutboxSettings { Enabled = true, Provider = provider, ConnectionString = connectionString, PollInterval = TimeSpan.FromMilliseconds(200) };
        using var stop = new CancellationTokenSource();
        await using var relay = new OutboxRelay(settings, transport, topology, "bench", NullLogger.Instance);
        topology.SitesKnown();
        var running = relay.RunAsync(stop.Token);
        var writer = new OutboxWriter();
        var elapsed = await MeasureAsync(transport, topology, queue, events, async (_, i) =>
        {
            await using var connection = Open(provider, connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await writer.EnqueueAsync(transaction, Site, queue, new { order = i });
            await transaction.CommitAsync();
        });
        await stop.CancelAsync();
        await running;
        Report($"outbox on {provider} (1 tx per event + relay)", events, elapsed);
    }

    /// <summary>Runs <paramref name="produce"/> for every event over <see cref="Writers"/> concurrent writers; returns the time until all were consumed.</summary>
    private static async Task<(TimeSpan Produced, TimeSpan Consumed)> MeasureAsync(ITransport transport, QueueTopology topology, string queue, int events, Func<int, int, Task> produce)
    {
        var spec = topology.SpecFor(Site, queue);
        await transport.DeclareAsync(spec);
        var consumed = new Countdown(events);
        await using var subscription = await transport.SubscribeAsync(spec, 500, async (delivery, _) =>
        {
            await delivery.AckAsync();
            consumed.Signal();
        });
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
        return (produced, clock.Elapsed);
    }

    private static (QueueTopology Topology, string Queue) Topology()
    {
        var queue = "outboxbench" + Guid.NewGuid().ToString("N")[..6];
        var config = ConfigLoader.LoadText($"queueactors.messaging.persistent = [{queue}]", _ => null);
        return (new QueueTopology(MessagingSettings.FromConfig(config)), queue);
    }

    private static DbConnection Open(OutboxProvider provider, string connectionString) =>
        provider == OutboxProvider.Postgresql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private static void Report(string label, int events, (TimeSpan Produced, TimeSpan Consumed) elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-48} {events / elapsed.Consumed.TotalSeconds,8:F0} events/s end to end ({elapsed.Consumed.TotalMilliseconds:F0} ms; the producers' calls returned after {elapsed.Produced.TotalMilliseconds:F0} ms)"));
}
