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
        var properties = AmqpEnvelope.ToProperties(Sent, persistent: true);
        // What the broker hands back: string headers arrive as bytes.
        properties.Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)Encoding.UTF8.GetBytes(s) : h.Value);

        var got = AmqpEnvelope.FromAmqp(properties, Sent.Body, "qa.email", TimeProvider.System);

        Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
        Assert.Equal(Sent with { Body = got.Body, Headers = got.Headers }, got);
        Assert.Equal("hi"u8.ToArray(), got.Body.ToArray());
        Assert.Equal(new Dictionary<string, string> { ["trace"] = "t1" }, got.Headers);
    }

    [Fact]
    public void Transient_queues_get_transient_messages()
    {
        Assert.Equal(DeliveryModes.Transient, AmqpEnvelope.ToProperties(Sent, persistent: false).DeliveryMode);
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
