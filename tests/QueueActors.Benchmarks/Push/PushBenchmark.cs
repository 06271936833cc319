using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Push;
using QueueActors.Host.Node;
using QueueActors.Host.Web;

namespace QueueActors.Benchmarks.Push;

/// <summary>
/// Issue [10] item 6, on one embedded node (SQLite transport, a cluster of one: the channel's owner is a sharded
/// entity): handled events per second of a handler that does nothing against one that pushes each event to a site
/// channel (no client, then <c>--clients</c> SSE clients connected over HTTP), side by side in one run; then the
/// fan-out: the time from one push until every client has read it (median and p95 of <c>--rounds</c> pushes).
/// </summary>
public static class PushBenchmark
{
    private static readonly PushChannel Channel = PushChannel.Site("bench");

    public static async Task<int> RunAsync(int events, int clients, int rounds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-push-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "node.conf");
        await File.WriteAllTextAsync(config, $$"""
            queueactors {
              node.name = push-bench
              data-directory = {{JsonSerializer.Serialize(directory)}}
              http.enabled = on
              push.client-buffer = 100000
            }
            """);
        var counter = new BenchCounter();
        var node = await NodeHost.BuildAsync(NodeOptions.FromConfig(ConfigLoader.Load(config), config, roles: null), services =>
        {
            services.AddSingleton(counter);
            services.AddQueueHandler<PlainHandler>("bench-plain");
            services.AddQueueHandler<PushingHandler>("bench-push");
        }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            await node.Host.StartAsync();
            var publisher = node.Services.GetRequiredService<IEventPublisher>();
            var url = node.Services.GetRequiredService<NodeWebServer>().Url!;
            Console.WriteLine($"Push (one embedded node, SQLite transport): {events} events per row, after a warm-up of each");
            await RowAsync(null, "bench-plain", publisher, counter, events / 5);
            await RowAsync(null, "bench-push", publisher, counter, events / 5);
            for (var round = 0; round < 2; round++)
            {
                await RowAsync("handler, no push", "bench-plain", publisher, counter, events);
                await RowAsync("handler pushing, 0 clients", "bench-push", publisher, counter, events);
            }

            await using var fans = await FanClients.ConnectAsync(url, Channel.Name, clients);
            var deliveries = fans.Received;
            var clock = Stopwatch.StartNew();
            await RowAsync($"handler pushing, {clients} SSE clients", "bench-push", publisher, counter, events);
            await fans.AwaitAllAsync(deliveries + ((long)events * clients));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... all {(long)events * clients} deliveries read by the clients after {clock.Elapsed.TotalSeconds:0.0} s: {(long)events * clients / clock.Elapsed.TotalSeconds:0} events/s to clients"));
            await FanOutAsync(node.Services.GetRequiredService<IClientPush>(), fans, clients, rounds);
            return 0;
        }
        finally
        {
            await node.Host.StopAsync();
            await node.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RowAsync(string? name, string queue, IEventPublisher publisher, BenchCounter counter, int events)
    {
        var done = counter.Expect(events);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
        {
            for (var i = worker; i < events; i += 16)
            {
                await publisher.PublishAsync("bench", queue, new { n = i });
            }
        }));
        await done;
        if (name is null)
        {
            return; // a warm-up
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {events / clock.Elapsed.TotalSeconds,8:0} events/s handled (publish included)"));
    }

    private static async Task FanOutAsync(IClientPush push, FanClients fans, int clients, int rounds)
    {
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var target = fans.Received + clients;
            var clock = Stopwatch.StartNew();
            await push.PushAsync(Channel, "fan", round);
            await fans.AwaitAllAsync(target);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  fan-out of one push to {clients} SSE clients: median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms until the last client read it ({rounds} pushes)"));
    }

    /// <summary>Does nothing but count.</summary>
    public sealed class PlainHandler(BenchCounter counter) : IQueueHandler<JsonElement>
    {
        public ValueTask HandleAsync(JsonElement @event, HandlerContext context, CancellationToken cancellationToken)
        {
            counter.Signal();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Pushes the event to the site's clients, then counts.</summary>
    public sealed class PushingHandler(BenchCounter counter, IClientPush push) : IQueueHandler<JsonElement>
    {
        public async ValueTask HandleAsync(JsonElement @event, HandlerContext context, CancellationToken cancellationToken)
        {
            await push.PushAsync(PushChannel.Site(context.Site), "event", @event, cancellationToken);
            counter.Signal();
        }
    }
}
