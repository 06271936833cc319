using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;
using QueueActors.Processors;
using QueueActors.Processors.FanOut;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>
/// The two-stage fan-out on one transport: the in-memory one here (as a user tests a fan-out handler with the TestKit's
/// <c>ProcessingHarness</c>), the SQLite and RabbitMQ ones in the subclasses.
/// </summary>
public class FanOutTests(ITestOutputHelper output) : ProcessorHarnessTestBase(output)
{
    private const int MaxRetries = 2;

    /// <summary>Unique per test, so that tests on a shared broker never see each other's events.</summary>
    protected string Id { get; } = Guid.NewGuid().ToString("N")[..8];

    protected virtual Task<ITransport?> TransportAsync() => Task.FromResult<ITransport?>(null);

    /// <summary>Config the transport needs (e.g. a dead-letter queue of the test's own on a shared broker).</summary>
    protected virtual string TransportConfig => "";

    [Fact]
    public async Task One_event_to_ten_targets_with_one_bad_target_dead_letters_only_it_and_handles_the_others_once()
    {
        var ledger = await StartFanOutAsync();

        var parent = await Harness.Publisher.PublishAsync("example.org", ledger.NoticeQueue, new Notice("maintenance at noon", 10));

        var bad = FanOutPublisher.TargetMessageId(parent, "t7");
        var letter = await Recorder.WaitForDeadLetterAsync(bad, TimeSpan.FromSeconds(20));
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 10, "the fan-out and the 9 good targets handled", TimeSpan.FromSeconds(20));
        Assert.Equal((DeadLetterReason.RetriesExhausted, MaxRetries + 1, ledger.DeliveryQueue), (letter.Reason, letter.Attempts, letter.Queue));
        Assert.Equal([parent], ledger.NoticeCalls);
        Assert.Equal(MaxRetries + 1, ledger.CallsOf("t7"));
        foreach (var target in Enumerable.Range(0, 10).Select(i => $"t{i}").Where(t => t != "t7"))
        {
            Assert.Equal(1, ledger.CallsOf(target));
            Assert.Contains(Recorder.Handled, h => h.Envelope.MessageId == FanOutPublisher.TargetMessageId(parent, target));
        }

        Assert.Single(Recorder.Handled, h => h.Envelope.MessageId == parent);
        Assert.Single(Recorder.DeadLettered);
    }

    [Fact]
    public async Task A_redelivered_fan_out_publishes_the_same_message_ids_again_and_logs_it()
    {
        var ledger = await StartFanOutAsync(failing: "none");
        var publisher = Harness.Services.GetRequiredService<FanOutPublisher>();
        var parent = new HandlerContext { Site = "example.org", Queue = ledger.NoticeQueue, MessageId = "parent-1", Attempts = 0, EnqueuedAt = DateTimeOffset.UtcNow };
        (string, NoticeDelivery)[] targets = [("a", new("a", "x")), ("b", new("b", "x"))];

        await publisher.PublishAsync(parent, ledger.DeliveryQueue, targets, CancellationToken.None);
        await publisher.PublishAsync(parent with { Attempts = 1 }, ledger.DeliveryQueue, targets, CancellationToken.None);
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 4, "both copies of both targets handled");

        Assert.Equal(
            new[] { (FanOutPublisher.TargetMessageId("parent-1", "a"), 2), (FanOutPublisher.TargetMessageId("parent-1", "b"), 2) }.OrderBy(g => g.Item1, StringComparer.Ordinal),
            ledger.DeliveryCalls.GroupBy(c => c.MessageId).Select(g => (g.Key, g.Count())).OrderBy(g => g.Item1, StringComparer.Ordinal));
        var logged = Assert.Single(Logs.Entries, e => e.EventId.Id == 7101);
        Assert.Contains("parent-1", logged.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_targets_with_one_key_are_refused_before_anything_is_published()
    {
        var ledger = await StartFanOutAsync(failing: "none");
        var publisher = Harness.Services.GetRequiredService<FanOutPublisher>();
        var parent = new HandlerContext { Site = "example.org", Queue = ledger.NoticeQueue, MessageId = "p", Attempts = 0, EnqueuedAt = DateTimeOffset.UtcNow };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(parent, ledger.DeliveryQueue, [("a", new NoticeDelivery("a", "x")), ("a", new NoticeDelivery("a", "y"))], CancellationToken.None));

        Assert.Contains("\"a\" 2 times", error.Message, StringComparison.Ordinal);
        Assert.Empty(ledger.DeliveryCalls);
    }

    private async Task<FanOutLedger> StartFanOutAsync(string failing = "t7")
    {
        var ledger = new FanOutLedger("notice-" + Id, "notice-delivery-" + Id, failing);
        var transport = await TransportAsync();
        await StartAsync(
            services => services
                .AddSingleton(ledger)
                .AddFanOutHandler<NoticeFanOut>(ledger.NoticeQueue)
                .AddQueueHandler<NoticeDeliveryHandler>(ledger.DeliveryQueue),
            $"queueactors.processing.max-retries = {MaxRetries}\n{TransportConfig}",
            transport);
        return ledger;
    }
}
