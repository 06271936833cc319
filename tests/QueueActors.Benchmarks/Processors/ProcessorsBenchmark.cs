using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Processors;
using QueueActors.Processors.Email;
using QueueActors.Processors.Webhook;
using QueueActors.TestKit.Processing;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Processors;

namespace QueueActors.Benchmarks.Processors;

/// <summary>
/// The reference processors through the whole pipeline (in-memory transport): emails/s into a local SMTP sink
/// (aiosmtpd, as the tests start it) and webhooks/s into a local Kestrel server; then the fan-out's cost, 1 event →
/// 100 targets against 100 plain publishes of the same no-op events, side by side on the in-memory, SQLite and
/// (with --broker) RabbitMQ transports.
/// </summary>
internal static class ProcessorsBenchmark
{
    private const int Targets = 100;

    public static async Task<int> RunAllAsync(int emails, int webhooks, int rounds, Uri? broker)
    {
        Console.WriteLine($"emails/s (concurrency 4, one connection per handler kept open): {await EmailsPerSecondAsync(emails):0}");
        Console.WriteLine($"webhooks/s (concurrency 8, signed POST, 200 answered): {await WebhooksPerSecondAsync(webhooks):0}");
        Console.WriteLine($"fan-out, {rounds} rounds after 3 warm-up, median ms per round of {Targets} target events handled:");
        Console.WriteLine("transport   plain x100   fan-out 1->100   ratio");
        await FanOutRowAsync("in-memory", () => Task.FromResult<ITransport?>(null), rounds);
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-fanout-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            var sqlite = SqliteSettings.FromConfig(ConfigLoader.LoadText($"queueactors.data-directory = \"{directory}\""));
            await FanOutRowAsync("sqlite", async () => await SqlTransport.OpenSqliteAsync(sqlite, SqlTransportSettings.FromConfig(ConfigLoader.Reference)), rounds);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        if (broker is not null)
        {
            await FanOutRowAsync("rabbitmq", async () => await RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions { Servers = [broker], ClientName = "queueactors-bench", InitialReconnectInterval = TimeSpan.FromMilliseconds(200), MaxReconnectInterval = TimeSpan.FromSeconds(1), PublishTimeout = TimeSpan.FromSeconds(10) }), rounds);
        }

        return 0;
    }

    private static async Task<double> EmailsPerSecondAsync(int count)
    {
        await using var sink = await SmtpSink.StartAsync();
        var counter = new HandledCounter();
        var smtp = new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, Tls = SmtpTlsMode.None, From = "bench@queueactors.test" };
        await using var harness = await ProcessingHarness.StartAsync(
            services => services.AddSingleton<IProcessingObserver>(counter).AddEmailProcessor(smtp),
            "queueactors.processing.queue-overrides.email { concurrency = 4, prefetch = 64 }");
        return await TimeAsync(count, counter, "email", i => harness.Publisher.PublishAsync("bench.example", "email", new EmailMessage($"user{i}@example.org", "Benchmark", "Hello")));
    }

    private static async Task<double> WebhooksPerSecondAsync(int count)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var counter = new HandledCounter();
        Environment.SetEnvironmentVariable("QA_BENCH_WEBHOOK_SECRET", "bench-secret");
        var settings = new WebhookSettings { Secret = new SecretSource(null, "QA_BENCH_WEBHOOK_SECRET") };
        await using var harness = await ProcessingHarness.StartAsync(
            services => services.AddSingleton<IProcessingObserver>(counter).AddWebhookProcessor(settings),
            "queueactors.processing.queue-overrides.webhook { concurrency = 8, prefetch = 64 }");
        var payload = JsonSerializer.SerializeToElement(new { user = "ada", action = "signup" });
        return await TimeAsync(count, counter, "webhook", _ => harness.Publisher.PublishAsync("bench.example", "webhook", new WebhookEvent(receiver.Url("in"), payload)));
    }

    private static async Task<double> TimeAsync(int count, HandledCounter counter, string queue, Func<int, ValueTask<string>> publish)
    {
        var done = counter.WhenMore(queue, count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await publish(i);
        }

        await done;
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task FanOutRowAsync(string name, Func<Task<ITransport?>> open, int rounds)
    {
        var transport = await open();
        var counter = new HandledCounter();
        try
        {
            await using var harness = await ProcessingHarness.StartAsync(
                services => services.AddSingleton<IProcessingObserver>(counter)
                    .AddFanOutHandler<BenchFanOut>("fan")
                    .AddQueueHandler<NoOpNoticeHandler>("target")
                    .AddQueueHandler<NoOpNoticeHandler>("plain"),
                "queueactors.processing.queue-overrides { target { prefetch = 200 }, plain { prefetch = 200 } }",
                transport: transport);
            var plain = new List<double>();
            var fan = new List<double>();
            for (var round = 0; round < rounds + 3; round++)
            {
                var plainDone = counter.WhenMore("plain", Targets);
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < Targets; i++)
                {
                    await harness.Publisher.PublishAsync("bench.example", "plain", new BenchNotice("n", 0));
                }

                await plainDone;
                var plainMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var fanDone = counter.WhenMore("target", Targets);
                started = Stopwatch.GetTimestamp();
                await harness.Publisher.PublishAsync("bench.example", "fan", new BenchNotice("n", Targets));
                await fanDone;
                var fanMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (round >= 3)
                {
                    plain.Add(plainMs);
                    fan.Add(fanMs);
                }
            }

            var plainMedian = Median(plain);
            var fanMedian = Median(fan);
            Console.WriteLine($"{name,-11} {plainMedian,10:0.0}   {fanMedian,14:0.0}   {fanMedian / plainMedian,5:0.00}");
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisposeAsync();
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
