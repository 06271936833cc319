using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Xmpp;
using Xunit;

namespace QueueActors.Tests.Xmpp;

public sealed class XmppOutboxQueueTests
{
    [Fact]
    public void A_stanza_survives_the_trip_through_an_envelope()
    {
        var stanza = new XmppStanza("id-1", "site-a", "someone@example.org", "héllo <world> & \"friends\"") { Type = "headline", Subject = "news" };

        var envelope = XmppOutboxQueue.ToEnvelope(stanza, DateTimeOffset.UnixEpoch);

        Assert.Equal(("id-1", "site-a", "xmpp"), (envelope.MessageId, envelope.Site, envelope.Queue));
        Assert.Equal(stanza, XmppOutboxQueue.FromEnvelope(envelope, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("not json", "not a stanza's JSON")]
    [InlineData("{\"to\":\"a@b\"}", "lacks")]
    [InlineData("null", "lacks")]
    public void An_envelope_without_a_stanza_says_why(string body, string reason)
    {
        var envelope = new Envelope { Site = "s", Queue = "xmpp", EnqueuedAt = DateTimeOffset.UnixEpoch, Body = Encoding.UTF8.GetBytes(body) };

        Assert.Null(XmppOutboxQueue.FromEnvelope(envelope, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void The_queue_has_a_single_active_consumer_and_a_dead_letter_queue()
    {
        var spec = XmppOutboxQueue.Spec(XmppTestSettings.Defaults);

        Assert.True(spec.SingleActiveConsumer);
        Assert.Equal("qa.xmpp.dead", spec.DeadLetterQueue);
    }
}
