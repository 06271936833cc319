using System.Diagnostics;
using System.Globalization;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Host.Web;

namespace QueueActors.Benchmarks.Metrics;

/// <summary>
/// What a Prometheus scrape of a busy node costs: the node's <c>/metrics</c> listener (the same Kestrel application,
/// OpenTelemetry exporter, runtime and process series) with <c>sites × queues</c> series recorded straight into the
/// <see cref="QueueActorsMetrics"/> instruments (handled, failed, retried, dead-lettered, in flight, handler and
/// publish latency), then <c>scrapes</c> GETs timed one after the other: median and p95 ms, and the answer's size.
/// </summary>
internal static class ScrapeBenchmark
{
    public static async Task<int> RunAsync(int sites, int queues, int scrapes)
    {
        await using var app = NodeWebServer.Build(new HttpSettings(true, "127.0.0.1", 0));
        await app.StartAsync();
        var url = new Uri(new Uri(app.Urls.First()), "metrics");
        using var http = new HttpClient();
        await http.GetStringAsync(url); // the provider now listens: record after it
        Record(sites, queues);
        for (var i = 0; i < 5; i++)
        {
            await http.GetStringAsync(url); // warm-up: JIT, buffers
        }

        var times = new List<double>(scrapes);
        var size = 0;
        var text = string.Empty;
        for (var i = 0; i < scrapes; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var bytes = await http.GetByteArrayAsync(url);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            size = bytes.Length;
            if (i == 0)
            {
                text = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }

        times.Sort();
        var samples = text.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
        var ours = text.Split('\n').Count(l => l.StartsWith("queueactors_", StringComparison.Ordinal));
        await app.StopAsync();
        Console.WriteLine($"/metrics with {sites} sites x {queues} queues: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {scrapes} scrapes in a row");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scrape ms: median {times[times.Count / 2]:0.0}, p95 {times[(int)(times.Count * 0.95)]:0.0}, min {times[0]:0.0}; size {size / 1024.0:0} KiB ({size:N0} bytes); {samples:N0} samples, {ours:N0} of them queueactors_*"));
        return 0;
    }

    private static void Record(int sites, int queues)
    {
        for (var s = 0; s < sites; s++)
        {
            var site = $"site{s:000}.example";
            for (var q = 0; q < queues; q++)
            {
                var queue = $"queue{q}";
                QueueActorsMetrics.Handled(site, queue, 10);
                QueueActorsMetrics.Failed(site, queue);
                QueueActorsMetrics.Retried(site, queue);
                QueueActorsMetrics.DeadLettered(site, queue);
                QueueActorsMetrics.InFlight(site, queue, 1);
                QueueActorsMetrics.HandlerCall(queue, TimeSpan.FromMilliseconds(3));
                QueueActorsMetrics.Published(site, queue, TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
