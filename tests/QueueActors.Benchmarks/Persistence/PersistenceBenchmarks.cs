using System.Globalization;
using Akka.Configuration;
using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>
/// The SQL transport and the persistent actors' journal (Akka.Persistence.Sql) on SQLite (files in a temp
/// directory) and on PostgreSQL 15 (a throwaway cluster with fsync on, or QUEUEACTORS_POSTGRES): durable events/s
/// with a no-op handler, publish→handled latency, journal appends/s (Persist and PersistAsync, 1 and 100 actors),
/// dead letters stored/s. Settings are reference.conf's unless said. <c>journalOnly</c>: the journal and dead letters only.
/// </summary>
internal static class PersistenceBenchmarks
{
    private const int Events = 20_000;
    private const int Publishers = 32;
    private const int LatencySamples = 2_000;

    /// <summary>Akka's own log (a line per actor system stopped) kept out of the figures.</summary>
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING");

    public static async Task<int> RunAllAsync(bool journalOnly, int deadLetters)
    {
        var config = ConfigLoader.Reference;
        var transportSettings = SqlTransportSettings.FromConfig(config);
        Console.WriteLine($"QueueActors persistence benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {Events} events by {Publishers} publishers, no-op handler, prefetch 256");
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-sqlite-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var fullSync in new[] { true, false })
            {
                if (journalOnly)
                {
                    break;
                }

                var sqlite = SqliteSettings.FromConfig(config) with { DataDirectory = directory, FileName = $"bench-{fullSync}.db", FullSync = fullSync };
                var label = $"SQLite (synchronous={(fullSync ? "full" : "normal")})";
                await using var database = await SqliteDatabase.OpenAsync(sqlite);
                await using var transport = await SqlTransport.OpenSqliteAsync(database, transportSettings);
                await TransportThroughputAsync($"{label} transport, 1 node", transport, [transport]);
                await LatencyAsync($"{label} transport", transport, transport);
            }

            var journalFile = Path.Combine(directory, "bench.journal.db");
            var sqliteJournal = Quiet.WithFallback(AkkaSqlPersistence.Hocon(AkkaSqlPersistence.PrepareSqlite(journalFile), AkkaSqlPersistence.SqliteProvider));
            await JournalAsync("SQLite (Akka.Persistence.Sql, WAL)", sqliteJournal);
            await DeadLettersAsync("SQLite (Akka.Persistence.Sql, WAL)", sqliteJournal, deadLetters);
            await DeadLettersDrainedAsync(config, directory, sqliteJournal, deadLetters);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var external = Environment.GetEnvironmentVariable("QUEUEACTORS_POSTGRES");
        await using var cluster = string.IsNullOrEmpty(external) ? await BenchmarkPostgres.StartAsync() : null;
        var postgres = new PostgresSettings { ConnectionString = external is { Length: > 0 } ? external : cluster!.ConnectionString };
        if (!journalOnly)
        {
            await PostgresTransportAsync(postgres, transportSettings);
        }

        var pgJournal = Quiet.WithFallback(AkkaSqlPersistence.Hocon(postgres.ConnectionString, AkkaSqlPersistence.PostgresProvider));
        await JournalAsync("PostgreSQL (Akka.Persistence.Sql)", pgJournal);
        await DeadLettersAsync("PostgreSQL (Akka.Persistence.Sql)", pgJournal, deadLetters);
        return 0;
    }

    private static async Task PostgresTransportAsync(PostgresSettings postgres, SqlTransportSettings transportSettings)
    {
        await using (var producer = await SqlTransport.OpenPostgresAsync(postgres, transportSettings))
        await using (var node1 = await SqlTransport.OpenPostgresAsync(postgres, transportSettings))
        await using (var node2 = await SqlTransport.OpenPostgresAsync(postgres, transportSettings))
        {
            await TransportThroughputAsync("PostgreSQL transport, 1 consumer node", producer, [node1]);
            await TransportThroughputAsync("PostgreSQL transport, 2 consumer nodes", producer, [node1, node2]);
            await LatencyAsync("PostgreSQL transport (producer and consumer nodes apart)", producer, node1);
        }
    }

    private static async Task TransportThroughputAsync(string label, ITransport producer, IReadOnlyList<ITransport> consumers)
    {
        await TransportScenarios.ThroughputAsync(producer, consumers, 2_000, Publishers); // warm-up
        BenchmarkGc.Collect();
        var rate = await TransportScenarios.ThroughputAsync(producer, consumers, Events, Publishers);
        Print($"{label}: events/s (publish + handle)", rate.ToString("0", CultureInfo.InvariantCulture));
    }

    private static async Task LatencyAsync(string label, ITransport producer, ITransport consumer)
    {
        BenchmarkGc.Collect();
        var samples = await TransportScenarios.LatencyAsync(producer, consumer, LatencySamples);
        Print(
            $"{label}: publish→handled ms",
            $"p50 {Percentile(samples, 0.50)}  p90 {Percentile(samples, 0.90)}  p99 {Percentile(samples, 0.99)}  max {samples[^1].ToString("0.00", CultureInfo.InvariantCulture)}");
    }

    private static async Task JournalAsync(string label, Config journal)
    {
        await AkkaJournalScenarios.AppendRateAsync(journal, 10, 50, persistAsync: false); // warm-up (and tables created)
        foreach (var persistAsync in new[] { false, true })
        {
            var mode = persistAsync ? "PersistAsync" : "Persist";
            BenchmarkGc.Collect();
            var one = await AkkaJournalScenarios.AppendRateAsync(journal, 1, persistAsync ? 10_000 : 2_000, persistAsync);
            BenchmarkGc.Collect();
            var many = await AkkaJournalScenarios.AppendRateAsync(journal, 100, persistAsync ? 200 : 50, persistAsync);
            Print($"{label}: {mode} appends/s, 1 actor", one.ToString("0", CultureInfo.InvariantCulture));
            Print($"{label}: {mode} appends/s, 100 actors", many.ToString("0", CultureInfo.InvariantCulture));
        }
    }

    private static async Task DeadLettersAsync(string label, Config journal, int count)
    {
        await DeadLetterScenarios.StoredPerSecondAsync(journal, 500); // warm-up
        BenchmarkGc.Collect();
        var rate = await DeadLetterScenarios.StoredPerSecondAsync(journal, count);
        Print($"{label}: dead letters stored/s ({count} at once, persisted, files written)", rate.ToString("0", CultureInfo.InvariantCulture));
        BenchmarkGc.Collect();
        var filed = await DeadLetterScenarios.StoredPerSecondAsync(journal, count, filesWritten: true);
        Print($"{label}: dead letters stored/s ({count} at once, persisted, files there)", filed.ToString("0", CultureInfo.InvariantCulture));
    }

    /// <summary>The embedded node's way: records on the SQLite transport's dead-letter queue, drained into the store on SQLite.</summary>
    private static async Task DeadLettersDrainedAsync(HoconConfig config, string directory, Config journal, int count)
    {
        var sqlite = SqliteSettings.FromConfig(config) with { DataDirectory = directory, FileName = "bench-dead-letters.db" };
        await using var database = await SqliteDatabase.OpenAsync(sqlite);
        await using var transport = await SqlTransport.OpenSqliteAsync(database, SqlTransportSettings.FromConfig(config));
        await DeadLetterScenarios.DrainedPerSecondAsync(journal, transport, 500); // warm-up
        BenchmarkGc.Collect();
        var rate = await DeadLetterScenarios.DrainedPerSecondAsync(journal, transport, count);
        Print($"SQLite transport and journal: dead letters drained from the queue/s ({count}, stored and acked)", rate.ToString("0", CultureInfo.InvariantCulture));
    }

    private static string Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("0.00", CultureInfo.InvariantCulture);

    private static void Print(string what, string value) => Console.WriteLine($"{what,-72} {value}");
}
