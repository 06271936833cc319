using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;
using QueueActors.Host.Web;

namespace QueueActors.Host.Demo;

/// <summary>
/// <c>queueactors demo</c>: an all-in-one node in this process on the embedded SQLite transport, in a fresh
/// data directory, with the three demo handlers (<see cref="DemoQueues"/>); it publishes a burst of events for
/// three sites, shows progress until every event was handled or dead-lettered, stops the node gracefully and
/// writes the summary.
/// </summary>
public sealed class DemoRunner(TextWriter output, bool liveLine)
{
    /// <summary>Publishes in flight at once: enough for the database to commit them in groups.</summary>
    private const int PublishConcurrency = 32;

    /// <summary>How long the events may take to settle before the demo gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep the directory the demo made for itself (one given to <see cref="RunAsync"/> is always kept).</summary>
    public bool Keep { get; init; }

    /// <summary>Once the events settled, keep the node and its status page up until the run is cancelled (Ctrl+C).</summary>
    public bool StayUp { get; init; }

    /// <param name="events">How many events to publish.</param>
    /// <param name="dataDirectory">Where the node keeps its files; null: a new directory under the temp directory, removed at the end unless <see cref="Keep"/>.</param>
    /// <param name="cancellationToken">Ctrl-C: stops the demo early (the summary shows what was done).</param>
    public async Task<DemoOutcome> RunAsync(int events, string? dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        var keep = Keep || dataDirectory is not null;
        var directory = Path.GetFullPath(dataDirectory ?? Path.Combine(Path.GetTempPath(), "queueactors-demo-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            return await RunInAsync(events, directory, keep, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The node is stopped and its database closed by now; only the demo's own directory goes.
            if (!keep && Directory.Exists(directory))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    await output.WriteLineAsync($"could not remove {directory}: {error.Message}").ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<DemoOutcome> RunInAsync(int events, string directory, bool keep, CancellationToken cancellationToken)
    {
        var options = NodeOptions.FromConfig(ConfigLoader.LoadText(DemoConfig.For(directory), origin: "demo"), configFile: null, roles: null);
        var statistics = new DemoStatistics(TimeProvider.System);
        statistics.Expect(events);
        var display = new DemoDisplay(output, liveLine);
        await output.WriteLineAsync($"QueueActors demo: {events} events for {DemoQueues.Sites.Count} sites on queues {string.Join(", ", DemoQueues.All)} (webhook always fails, digest fails {DigestHandler.FailureRate:P0} of attempts, {DemoConfig.MaxRetries} retries); node on SQLite in {directory}").ConfigureAwait(false);

        await using var node = await NodeHost.BuildAsync(options, services => AddDemo(services, statistics), QuietLogging, cancellationToken).ConfigureAwait(false);
        await node.Host.StartAsync(cancellationToken).ConfigureAwait(false);
        if (node.Services.GetService<NodeWebServer>() is { Url: { } web } server)
        {
            // The node's logs are off: the addresses are told here.
            await output.WriteLineAsync($"status page: {server.StatusPageUrl}").ConfigureAwait(false);
            await output.WriteLineAsync($"Metrics while it runs: {new Uri(web, "metrics")}").ConfigureAwait(false);
        }

        var elapsed = Stopwatch.StartNew();
        using var stopProgress = new CancellationTokenSource();
        var progress = display.ShowProgressAsync(statistics, events, elapsed, stopProgress.Token);
        var finished = false;
        try
        {
            await PublishAsync(node.Services.GetRequiredService<IEventPublisher>(), statistics, events, cancellationToken).ConfigureAwait(false);
            await statistics.AllSettled.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            finished = true;
            if (StayUp)
            {
                await stopProgress.CancelAsync().ConfigureAwait(false);
                await progress.ConfigureAwait(false);
                await output.WriteLineAsync("every event settled; the node and its status page stay up until Ctrl+C").ConfigureAwait(false);
                await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            // Not all settled: the summary shows how far it got.
        }
        finally
        {
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            await node.Host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var outcome = new DemoOutcome(finished, statistics.Snapshot(DemoQueues.All), elapsed.Elapsed, directory, keep);
        display.WriteSummary(outcome, events);
        return outcome;
    }

    private static void AddDemo(IServiceCollection services, DemoStatistics statistics)
    {
        services.AddQueueHandler<WelcomeHandler>();
        services.AddQueueHandler<DigestHandler>();
        services.AddQueueHandler<WebhookHandler>();
        services.AddSingleton<IProcessingObserver>(statistics);
    }

    // The handlers fail thousands of times on purpose; each failure's log line would bury the progress line.
    private static void QuietLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Critical);

    private static Task PublishAsync(IEventPublisher publisher, DemoStatistics statistics, int events, CancellationToken cancellationToken) =>
        Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken }, async (number, token) =>
        {
            var queue = DemoQueues.QueueOf(number);
            var site = DemoQueues.SiteOf(number);
            await publisher.PublishAsync(site, queue, new DemoEvent(number, $"{queue} #{number} for {site}"), token).ConfigureAwait(false);
            statistics.OnPublished(queue);
        });
}
