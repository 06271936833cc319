using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.RabbitMq;
using RabbitMQ.Client;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

public sealed class AmqpEnvelopeTests
{
    private static readonly Envelope Sent = new()
    {
        Site = "example.org",
        Queue = "email",
        Attempts = 3,
        EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123),
        ContentType = "text/plain",
        Body = "hi"u8.ToArray(),
        Headers = new Dictionary<string, string> { ["trace"] = "t1", ["qa-site"] = "forged", ["x-death"] = "forged" },
    };

    [Fact]
    public void Envelope_survives_the_trip_through_AMQP_properties_and_headers()
    {
        var properties = AmqpEnvelope.ToProperties(Sent, persistent: true, legacyHeaders: false);
        // What the broker hands back: string headers arrive as bytes.
        properties.Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)Encoding.UTF8.GetBytes(s) : h.Value);

        var got = AmqpEnvelope.FromAmqp(properties, Sent.Body, "qa.email", TimeProvider.System);

        Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
        Assert.Equal(Sent with { Body = got.Body, Headers = got.Headers }, got);
        Assert.Equal("hi"u8.ToArray(), got.Body.ToArray());
        Assert.Equal(new Dictionary<string, string> { ["trace"] = "t1" }, got.Headers);
    }

    [Fact]
    public void A_first_publish_without_application_headers_carries_no_headers()
    {
        // The broker decodes the header table on every publish: site, queue and time travel in the type property.
        var properties = AmqpEnvelope.ToProperties(Sent with { Attempts = 0, Headers = null }, persistent: true, legacyHeaders: false);

        Assert.Empty(properties.Headers ?? new Dictionary<string, object?>());
        Assert.Equal("qa1/example.org/email/1790000000123", properties.Type);
    }

    [Fact]
    public void An_event_without_a_site_keeps_its_queue_and_time()
    {
        var properties = AmqpEnvelope.ToProperties(Sent with { Site = string.Empty }, persistent: true, legacyHeaders: false);

        var got = AmqpEnvelope.FromAmqp(properties, Sent.Body, "qa.email", TimeProvider.System);

        Assert.Equal((string.Empty, "email", Sent.EnqueuedAt), (got.Site, got.Queue, got.EnqueuedAt));
    }

    [Fact]
    public void An_event_published_with_the_older_qa_headers_is_still_read()
    {
        // What an event already queued across an upgrade carries: site, queue and time as headers, no type.
        var properties = new BasicProperties
        {
            MessageId = "m1",
            Headers = new Dictionary<string, object?>
            {
                ["qa-site"] = "example.org"u8.ToArray(),
                ["qa-queue"] = "email"u8.ToArray(),
                ["qa-enqueued-at"] = 1_790_000_000_123L,
                ["qa-attempts"] = 2,
            },
        };

        var got = AmqpEnvelope.FromAmqp(properties, Sent.Body, "qa.email", TimeProvider.System);

        Assert.Equal(("m1", "example.org", "email", 2, Sent.EnqueuedAt), (got.MessageId, got.Site, got.Queue, got.Attempts, got.EnqueuedAt));
        Assert.Null(got.Headers);
    }

    [Fact]
    public void With_legacy_headers_on_an_older_reader_gets_site_queue_and_time_from_the_headers()
    {
        var properties = AmqpEnvelope.ToProperties(Sent, persistent: true, legacyHeaders: true);
        properties.Type = null; // what a node of a version before the type property looks at
        properties.Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)Encoding.UTF8.GetBytes(s) : h.Value);

        var got = AmqpEnvelope.FromAmqp(properties, Sent.Body, "qa.email", TimeProvider.System);

        Assert.Equal((Sent.Site, Sent.Queue, Sent.EnqueuedAt), (got.Site, got.Queue, got.EnqueuedAt));
    }

    [Theory]
    [InlineData("user.created")]
    [InlineData("qa1/example.org/email")]
    [InlineData("qa1/example.org/email/soon")]
    public void Another_producers_type_is_not_read_as_ours(string type)
    {
        var got = AmqpEnvelope.FromAmqp(new BasicProperties { Type = type }, "{}"u8.ToArray(), "qa.digest", TimeProvider.System);

        Assert.Equal((string.Empty, "qa.digest"), (got.Site, got.Queue));
    }

    [Fact]
    public void Transient_queues_get_transient_messages()
    {
        Assert.Equal(DeliveryModes.Transient, AmqpEnvelope.ToProperties(Sent, persistent: false, legacyHeaders: false).DeliveryMode);
    }

    [Fact]
    public void A_foreign_message_decodes_to_what_can_be_read()
    {
        var got = AmqpEnvelope.FromAmqp(new BasicProperties(), "{}"u8.ToArray(), "qa.digest", TimeProvider.System);

        Assert.Equal("qa.digest", got.Queue);
        Assert.Equal(string.Empty, got.Site);
        Assert.Equal(0, got.Attempts);
        Assert.False(string.IsNullOrEmpty(got.MessageId));
    }

    [Theory]
    [InlineData(null, false, 1)]
    [InlineData(null, true, 2)]
    [InlineData(1L, true, 2)]
    [InlineData(4L, true, 5)]
    public void Delivery_count_comes_from_the_quorum_header_or_the_redelivered_flag(long? header, bool redelivered, int expected)
    {
        var properties = new BasicProperties { Headers = header is null ? null : new Dictionary<string, object?> { ["x-delivery-count"] = header } };

        Assert.Equal(expected, AmqpEnvelope.DeliveryCount(properties, redelivered));
    }
}
