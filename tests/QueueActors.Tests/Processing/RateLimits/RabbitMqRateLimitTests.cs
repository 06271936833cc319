using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing;
using QueueActors.TestKit.Processing;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Processing.RabbitMq;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RateLimits;

/// <summary>
/// The shares on a real RabbitMQ: two nodes, each with its own connection, see two consumers on the queue, each takes
/// half the limit, and together they stay within it.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRateLimitTests : RabbitProcessingTestBase
{
    private const double Limit = 20;
    private readonly ITestOutputHelper _output;

    public RabbitMqRateLimitTests(RabbitMqFixture brokers, ITestOutputHelper output)
        : base(brokers, output) => _output = output;

    [Fact]
    public async Task Two_nodes_on_RabbitMQ_each_take_half_the_limit_and_handle_every_event_no_faster_than_it()
    {
        const int events = 40;
        var config = Config($"queueactors.processing {{ rate-limit-recount = 100ms, queue-defaults {{ rate-limit = \"{Limit}/s\", concurrency = 4, prefetch = 50 }} }}");
        await StartAsync(config, await ConnectAsync());
        using var secondLogs = LoggerFactory.Create(logging => logging.AddProvider(Logs));
        await using var second = await ProcessingHarness.StartAsync(
            services => services.AddSingleton(Script).AddQueueHandler<ScriptedHandler>(WorkQueue),
            config,
            secondLogs,
            await ConnectAsync());

        var (elapsed, first, secondHandled, distinct) = await TwoNodeRateRun.RunAsync(Harness, second, Logs, events, async i => await PublishAsync("s1", "event " + i));

        const int burst = 4; // RateGate.BurstFor(10) = 2 per node
        _output.WriteLine($"{events} events in {elapsed.TotalMilliseconds:F0} ms at {Limit}/s over two nodes: {first} + {secondHandled}");
        Assert.True(elapsed >= TimeSpan.FromSeconds((events - burst) / Limit), $"{events} events took {elapsed}: the two nodes together ran faster than {Limit}/s");
        Assert.Equal((events, events), (first + secondHandled, distinct));
    }
}
