using System.Diagnostics;
using System.Globalization;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Actors.Uniqueness.Sql;

namespace QueueActors.Benchmarks.Publishing;

/// <summary>
/// Issue [10] items 1–2: the throughput of a publish with <see cref="PublishOptions.Delay"/> and with
/// <see cref="PublishOptions.UniqueKey"/> against a plain publish, side by side in one run: on the SQL transport
/// (SQLite, the store in the same file) and, with <c>--broker</c>, on RabbitMQ (the store in a SQLite file). Each row
/// publishes <c>--events</c> events from 64 concurrent publishers and reports events per second.
/// </summary>
public static class PublishOptionsBenchmark
{
    private const int Concurrency = 64;

    public static async Task<int> RunAsync(Uri? broker, int events)
    {
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-publish-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sqlite = SqliteSettings.FromConfig(ConfigLoader.LoadText($"queueactors.data-directory = \"{directory}\""));
            await using var database = await SqliteDatabase.OpenAsync(sqlite);
            await using (var sql = await SqlTransport.OpenSqliteAsync(database, SqlTransportSettings.FromConfig(ConfigLoader.Reference)))
            {
                await RunRowsAsync("SQLite", sql, database, events);
            }

            if (broker is not null)
            {
                await using var rabbit = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Reference, [broker]));
                await RunRowsAsync("RabbitMQ (store: SQLite)", rabbit, database, events);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunRowsAsync(string transportName, ITransport transport, SqliteDatabase database, int events)
    {
        var store = await SqliteScheduledEvents.OpenAsync(database);
        var keys = new SqliteUniqueKeys(database);
        var run = Guid.NewGuid().ToString("N")[..6];
        var topology = new QueueTopology(MessagingSettings.FromConfig(ConfigLoader.LoadText($"queueactors.messaging.persistent = [bench-{run}]")));
        var publisher = new EventPublisher(transport, topology, TimeProvider.System, store, keys, TimeSpan.FromHours(1));
        var queue = "bench-" + run;
        await publisher.PublishAsync("s1", queue, new { warm = true }); // declares the queue
        var rows = new (string Name, Func<int, ValueTask> Publish)[]
        {
            ("plain publish", async i => await publisher.PublishAsync("s1", queue, new { n = i })),
            ("Delay = 1 h", async i => await publisher.PublishAsync("s1", queue, new { n = i }, new PublishOptions { Delay = TimeSpan.FromHours(1) })),
            ("UniqueKey (new keys)", async i => await publisher.PublishAsync("s1", queue, new { n = i }, new PublishOptions { UniqueKey = $"{run}:{i}" })),
            ("UniqueKey (duplicates)", async i => await publisher.PublishAsync("s1", queue, new { n = i }, new PublishOptions { UniqueKey = $"{run}:{i}" })),
        };
        Console.WriteLine($"{transportName}: {events} events per row, {Concurrency} concurrent publishers");
        foreach (var (name, publish) in rows)
        {
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < events)
                {
                    await publish(i);
                }
            }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {events / clock.Elapsed.TotalSeconds,10:0} events/s"));
        }

        await transport.PurgeAsync(topology.SpecFor("s1", queue).BrokerQueue);
    }
}
