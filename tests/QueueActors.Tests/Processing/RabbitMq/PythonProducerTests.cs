using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// Events published by a real producer that is not QueueActors (Python's pika, as Zulip's <c>queue_json_publish</c>):
/// a persistent JSON body on the default exchange, routing key <c>qa.&lt;queue&gt;</c>, no headers of ours.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class PythonProducerTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_plain_json_event_from_pika_is_handled_with_the_site_its_queue_assumes()
    {
        await StartPlainQueueAsync();

        await PythonProducer.PublishAsync(Brokers.Primary, "qa." + WorkQueue, """{"text":"from pika"}""", messageId: "zulip-1");
        await PythonProducer.PublishAsync(Brokers.Primary, "qa." + WorkQueue, """{"text":"no message id"}""");

        var handled = await Recorder.WaitForHandledAsync("zulip-1", Wait);
        Assert.Equal(("zulip.example", WorkQueue, 0), (handled.Envelope.Site, handled.Envelope.Queue, handled.Envelope.Attempts));
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 2, "the event without a message id to be handled", Wait);
        var made = Assert.Single(Recorder.Handled, h => h.Envelope.MessageId != "zulip-1");
        Assert.Equal("zulip.example", made.Envelope.Site);
        Assert.False(string.IsNullOrWhiteSpace(made.Envelope.MessageId)); // made up: pika sent none
    }

    [Fact]
    public async Task A_failing_plain_event_from_pika_is_retried_and_ends_as_a_dead_letter_of_its_assumed_site()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("always");
        await StartPlainQueueAsync("queueactors.processing.max-retries = 1");

        await PythonProducer.PublishAsync(Brokers.Primary, "qa." + WorkQueue, """{"text":"doomed"}""", messageId: "zulip-2");

        var record = await Recorder.WaitForDeadLetterAsync("zulip-2", Wait);
        Assert.Equal(("zulip.example", WorkQueue, DeadLetterReason.RetriesExhausted, 2), (record.Site, record.Queue, record.Reason, record.Attempts));
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync(DeadLetterQueue)).MessagesReady);
    }

    private async Task StartPlainQueueAsync(string extra = "")
    {
        await StartAsync(Config($"""
            queueactors.messaging.persistent = [{WorkQueue}]
            queueactors.processing.queue-overrides.{WorkQueue}.default-site = "zulip.example"
            {extra}
            """), await ConnectAsync());

        // pika publishes with mandatory: the queue the node declares must be there first.
        await AwaitCondition.UntilAsync(async () => (await Harness.Transport.GetStatusAsync("qa." + WorkQueue)).Consumers > 0, Wait, "the node to consume its queue");
    }
}
