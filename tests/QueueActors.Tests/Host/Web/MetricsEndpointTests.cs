using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;
using QueueActors.Host.Web;
using QueueActors.TestKit;
using QueueActors.Tests.Host.Embedded;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Web;

/// <summary>
/// An embedded node (SQLite transport) with its HTTP listener on: <c>/metrics</c> counts what its handlers did, per
/// site and queue. Site and queue names are this class's own: the meter is process-wide and other tests record too.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string Site = "metrics.example";
    private const string Good = "metricsok";
    private const string Bad = "metricsfail";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();
    private readonly HttpClient _http = new();
    private NodeApplication? _node;

    private NodeApplication Node => _node!;

    public async Task InitializeAsync()
    {
        var configFile = Path.Combine(_data.Path, "node.conf");
        await File.WriteAllTextAsync(configFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_data.Path, "data"))}}
              sqlite.synchronous = normal
              shutdown-timeout = 5s
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(_data.Path, "dead"))}}
              processing.max-retries = 1
              processing.retry-backoff { min = 50ms, max = 50ms, jitter = 0 }
              http.enabled = on
            }
            """);
        var options = NodeOptions.FromConfig(ConfigLoader.Load(configFile), configFile, roles: null);
        _node = await NodeHost.BuildAsync(options, services => services
            .AddSingleton(new HandledRecorder())
            .AddQueueHandler<RecordingHandler>(Good)
            .AddQueueHandler<FailingHandler>(Bad));
        await _node.Host.StartAsync();
    }

    [Fact]
    public async Task The_handled_counter_of_a_site_and_queue_equals_the_events_its_handler_handled()
    {
        var publisher = Node.Services.GetRequiredService<IEventPublisher>();
        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishAsync(Site, Good, new RecordedEvent($"event {i}"));
        }

        var recorder = Node.Services.GetRequiredService<HandledRecorder>();
        await AwaitCondition.UntilAsync(() => recorder.Count == 5, Wait, "the five events to be handled");
        // Counted just after the handler returns: the scrape may come a moment before.
        var scrape = await AwaitScrapeAsync(s => s.Value("queueactors_handler_duration_seconds_count", QueueLabel(Good)) == 5, "the five handler calls timed");

        Assert.Equal(recorder.Count, scrape.Value("queueactors_events_handled_total", Labels(Good)));
        Assert.Equal(5, scrape.Value("queueactors_publish_confirmed_total", Labels(Good)));
        Assert.True(scrape.Lines("queueactors_handler_duration_seconds_bucket", QueueLabel(Good), "le=\"0.001\"") == 1, "a bucket le=0.001 for the queue");
        Assert.Equal(5, scrape.Value("queueactors_handler_duration_seconds_bucket", QueueLabel(Good), "le=\"+Inf\""));
        Assert.Equal(5, scrape.Value("queueactors_publish_duration_seconds_count", QueueLabel(Good)));
        Assert.Equal(0, scrape.Value("queueactors_events_in_flight", Labels(Good)) ?? 0);
        Assert.True(scrape.Value("queueactors_cluster_members", "state=\"up\"") >= 1, "this node counted as an up member");
    }

    [Fact]
    public async Task A_failing_handlers_failures_retries_and_dead_letters_show()
    {
        var publisher = Node.Services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(Site, Bad, new RecordedEvent("doomed 1"));
        await publisher.PublishAsync(Site, Bad, new RecordedEvent("doomed 2"));

        // max-retries 1: each event fails twice, is retried once, then dead-lettered.
        var scrape = await AwaitScrapeAsync(s => s.Value("queueactors_events_dead_lettered_total", Labels(Bad)) == 2, "both events in dead letters");

        Assert.Equal(4, scrape.Value("queueactors_events_failed_total", Labels(Bad)));
        Assert.Equal(2, scrape.Value("queueactors_events_retried_total", Labels(Bad)));
        Assert.Null(scrape.Value("queueactors_events_handled_total", Labels(Bad)));
    }

    [Fact]
    public async Task The_endpoint_also_serves_the_runtime_and_process_series()
    {
        var scrape = await ScrapeAsync();

        Assert.Contains("dotnet_gc_", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("process_memory_usage", scrape.Text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_node is not null)
        {
            await _node.Host.StopAsync();
            await _node.DisposeAsync();
        }

        _data.Dispose();
    }

    private static string QueueLabel(string queue) => $"queue=\"{queue}\"";

    private static string[] Labels(string queue) => [$"site=\"{Site}\"", $"queue=\"{queue}\""];

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        var url = new Uri(Node.Services.GetRequiredService<NodeWebServer>().Url!, "metrics");
        return new PrometheusScrape(await _http.GetStringAsync(url));
    }

    private async Task<PrometheusScrape> AwaitScrapeAsync(Func<PrometheusScrape, bool> condition, string what)
    {
        PrometheusScrape? last = null;
        await AwaitCondition.UntilAsync(async () => condition(last = await ScrapeAsync()), Wait, what);
        return last!;
    }
}
