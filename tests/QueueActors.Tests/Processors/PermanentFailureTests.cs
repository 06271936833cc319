using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit.Processing;
using Xunit;

namespace QueueActors.Tests.Processors;

/// <summary><see cref="PermanentFailureException"/>: dead letter at once, reason Rejected, in the pipeline and in the TestKit's inline publisher.</summary>
public sealed class PermanentFailureTests
{
    [Fact]
    public async Task The_pipeline_dead_letters_a_permanent_failure_at_once_and_retries_any_other()
    {
        await using var harness = await ProcessingHarness.StartAsync(services => services.AddQueueHandler<RefusingHandler>("refuse"), "queueactors.processing.max-retries = 3");

        var refused = await harness.Publisher.PublishAsync("s", "refuse", new Refusal(Permanent: true));
        var flaky = await harness.Publisher.PublishAsync("s", "refuse", new Refusal(Permanent: false));

        var letter = await harness.Recorder.WaitForDeadLetterAsync(refused);
        Assert.Equal((DeadLetterReason.Rejected, 1, "no such mailbox"), (letter.Reason, letter.Attempts, letter.ExceptionMessage));
        Assert.Equal(DeadLetterReason.RetriesExhausted, (await harness.Recorder.WaitForDeadLetterAsync(flaky)).Reason);
        Assert.DoesNotContain(harness.Recorder.Retried, r => r.Envelope.MessageId == refused);
        Assert.Equal(3, harness.Recorder.Retried.Count(r => r.Envelope.MessageId == flaky));
    }

    [Fact]
    public async Task The_inline_publisher_dead_letters_a_permanent_failure_without_retrying_it()
    {
        using var services = new ServiceCollection().AddQueueHandler<RefusingHandler>("refuse").BuildServiceProvider();
        var publisher = new InlinePublisher(services, maxRetries: 3);

        await publisher.PublishAsync("s", "refuse", new Refusal(Permanent: true));

        Assert.Equal((DeadLetterReason.Rejected, 1), (Assert.Single(publisher.Recorder.DeadLettered).Reason, publisher.Recorder.DeadLettered[0].Attempts));
        Assert.Empty(publisher.Recorder.Retried);
    }

    /// <summary>The event: fail for good, or fail as usual.</summary>
    public sealed record Refusal(bool Permanent);

    /// <summary>Always fails: permanently or not, as the event says.</summary>
    public sealed class RefusingHandler : IQueueHandler<Refusal>
    {
        public ValueTask HandleAsync(Refusal @event, HandlerContext context, CancellationToken cancellationToken) =>
            throw (@event.Permanent ? new PermanentFailureException("no such mailbox") : new InvalidOperationException("try again"));
    }
}
