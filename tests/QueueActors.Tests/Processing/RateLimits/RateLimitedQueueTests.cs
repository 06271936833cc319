using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using QueueActors.TestKit.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RateLimits;

/// <summary>
/// A rate-limited queue on the in-memory transport: it handles every event, no faster than the limit allows, and two
/// nodes consuming it share the limit instead of each taking all of it. Elapsed time is measured from before the
/// first publish, so it bounds the rate from above: (events − burst) / limit seconds at least.
/// </summary>
public sealed class RateLimitedQueueTests : ProcessingTestBase
{
    private readonly ITestOutputHelper _output;

    public RateLimitedQueueTests(ITestOutputHelper output)
        : base(output) => _output = output;

    private const double Limit = 20; // per second, over the cluster; burst: floor(share × 50 ms), at least 2 events per node

    [Fact]
    public async Task A_queue_limited_to_N_per_second_handles_M_events_in_no_less_than_M_minus_burst_over_N_seconds_and_all_of_them()
    {
        const int events = 30;
        await StartAsync($"queueactors.processing.queue-defaults {{ rate-limit = \"{Limit}/s\", concurrency = 4, prefetch = 50 }}");
        await Logs.ExpectAsync(e => e.EventId.Id == 3950, TimeSpan.FromSeconds(10)); // the share is known

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            await PublishAsync("s1", "event " + i);
        }

        await Recorder.WaitUntilAsync(r => r.Handled.Count == events, "every event handled", TimeSpan.FromSeconds(30));
        clock.Stop();

        const int burst = 2; // RateGate.BurstFor(20)
        _output.WriteLine($"{events} events in {clock.Elapsed.TotalMilliseconds:F0} ms at {Limit}/s");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds((events - burst) / Limit), $"{events} events took {clock.Elapsed}: faster than {Limit}/s");
        Assert.Equal(events, Recorder.Handled.Select(h => h.Envelope.MessageId).Distinct().Count());
        Assert.Equal("20/s", Harness.Processing.GetStatus().Queues.Single(q => q.Queue == WorkQueue).RateLimit); // queue list's LIMIT
    }

    [Fact]
    public async Task Two_nodes_consuming_a_limited_queue_share_the_limit_and_together_stay_within_it()
    {
        const int events = 40;
        var config = $"queueactors.processing {{ rate-limit-recount = 100ms, queue-defaults {{ rate-limit = \"{Limit}/s\", concurrency = 4, prefetch = 50 }} }}";
        var transport = Own(new InMemoryTransport());
        await StartAsync(config, transport);
        using var secondLogs = LoggerFactory.Create(logging => logging.AddProvider(Logs));
        await using var second = await ProcessingHarness.StartAsync(
            services => services.AddSingleton(Script).AddQueueHandler<ScriptedHandler>(WorkQueue),
            config,
            secondLogs,
            transport);

        var (elapsed, first, secondHandled, distinct) = await TwoNodeRateRun.RunAsync(Harness, second, Logs, events, async i => await PublishAsync("s1", "event " + i));

        const int burst = 4; // RateGate.BurstFor(10) = 2 per node
        _output.WriteLine($"{events} events in {elapsed.TotalMilliseconds:F0} ms at {Limit}/s over two nodes: {first} + {secondHandled}");
        Assert.True(elapsed >= TimeSpan.FromSeconds((events - burst) / Limit), $"{events} events took {elapsed}: the two nodes together ran faster than {Limit}/s");
        Assert.True(first > 0 && secondHandled > 0, "both nodes handled events");
        Assert.Equal((events, events), (first + secondHandled, distinct));
    }
}
