using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// An event still queued from a version that carried site, queue and enqueue time in <c>qa-*</c> headers (before
/// the AMQP <c>type</c> property): a node of this version handles it with its site, on a real broker.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class LegacyEnvelopeTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_event_with_the_older_qa_headers_is_handled_with_its_site_queue_and_time()
    {
        await StartAsync(Config($"queueactors.messaging.persistent = [{WorkQueue}]"), await ConnectAsync());
        await AwaitCondition.UntilAsync(async () => (await Harness.Transport.GetStatusAsync("qa." + WorkQueue)).Consumers > 0, Wait, "the node to consume its queue");
        var enqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);

        await PublishAsAnOlderNodeAsync("qa." + WorkQueue, "old-1", "example.org", WorkQueue, enqueuedAt);

        var handled = await Recorder.WaitForHandledAsync("old-1", Wait);
        Assert.Equal(("example.org", WorkQueue, enqueuedAt), (handled.Envelope.Site, handled.Envelope.Queue, handled.Envelope.EnqueuedAt));
    }

    /// <summary>The message an earlier version's publisher sent: no <c>type</c>, the three headers.</summary>
    private async Task PublishAsAnOlderNodeAsync(string brokerQueue, string messageId, string site, string queue, DateTimeOffset enqueuedAt)
    {
        await using var connection = await new ConnectionFactory { Uri = Brokers.Primary.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["qa-site"] = site, ["qa-queue"] = queue, ["qa-enqueued-at"] = enqueuedAt.ToUnixTimeMilliseconds() },
        };
        await channel.BasicPublishAsync(string.Empty, brokerQueue, mandatory: true, properties, """{"text":"queued before the upgrade"}"""u8.ToArray());
    }
}
