using System.Text;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Xmpp;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Outbox;

/// <summary>Handlers' stanzas travel over a single-active-consumer queue into the output, and are acked only once sent.</summary>
public sealed class XmppOutboxConsumerTests(ITestOutputHelper output) : LoggingTestKit(output)
{
    private readonly InMemoryTransport transport = new();
    private readonly XmppSettings settings = XmppTestSettings.Defaults with { OutboxPrefetch = 10 };

    [Fact]
    public async Task A_stanza_is_acked_only_after_the_server_confirmed_it()
    {
        var (connector, consumer) = await StartNodeAsync("a", answerPings: false);
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        var connection = await connector.NextConnectionAsync();

        await outbox.SendAsync(new XmppStanza("s1", "site-a", "receiver@fake", "hello"));
        var write = await connection.NextWriteAsync();
        Assert.Equal(["s1"], write.StanzaIds);
        Assert.Equal(1, consumer.InFlight);

        connection.Answer(write.PingId!);
        await AwaitConditionAsync(() => consumer.InFlight == 0, null, "the delivery is settled");
        await consumer.DisposeAsync();

        Assert.Equal(0, (await transport.GetStatusAsync(settings.OutboxQueue)).MessagesReady);
    }

    [Fact]
    public async Task An_unconfirmed_stanza_goes_back_to_the_queue_when_its_consumer_stops()
    {
        var (connector, consumer) = await StartNodeAsync("a", answerPings: false);
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        var connection = await connector.NextConnectionAsync();
        await outbox.SendAsync(new XmppStanza("s1", "site-a", "receiver@fake", "hello"));
        await connection.NextWriteAsync();

        await consumer.DisposeAsync();

        Assert.Equal(1, (await transport.GetStatusAsync(settings.OutboxQueue)).MessagesReady);
    }

    [Fact]
    public async Task The_standby_node_sends_what_the_active_node_had_not_got_confirmed_when_it_went()
    {
        var (activeConnector, active) = await StartNodeAsync("a", answerPings: false);
        var (standbyConnector, standby) = await StartNodeAsync("b", answerPings: true);
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        var activeConnection = await activeConnector.NextConnectionAsync();
        var standbyConnection = await standbyConnector.NextConnectionAsync();
        await outbox.SendAsync(new XmppStanza("s1", "site-a", "receiver@fake", "one"));
        await outbox.SendAsync(new XmppStanza("s2", "site-b", "receiver@fake", "two"));
        await AwaitConditionAsync(() => active.InFlight == 2, null, "the active node took both");
        await standbyConnection.ExpectNoWriteAsync(TimeSpan.FromMilliseconds(100));

        await active.DisposeAsync();

        var written = new List<string>();
        while (written.Count < 2)
        {
            written.AddRange((await standbyConnection.NextWriteAsync()).StanzaIds);
        }

        Assert.Equal(["s1", "s2"], written);
        await AwaitConditionAsync(() => standby.InFlight == 0, null, "the standby acked both");
        Assert.Equal(0, (await transport.GetStatusAsync(settings.OutboxQueue)).MessagesReady);
        await standby.DisposeAsync();
    }

    [Fact]
    public async Task A_message_that_is_no_stanza_goes_to_the_dead_letter_queue_at_once()
    {
        var (connector, consumer) = await StartNodeAsync("a", answerPings: true);
        await TransportXmppOutbox.CreateAsync(transport, settings);
        var connection = await connector.NextConnectionAsync();

        var deadLetters = await WatchDeadLettersAsync();

        await transport.PublishAsync(settings.OutboxQueue, new Actors.Messaging.Envelope { MessageId = "junk", Site = "site-a", Queue = "xmpp", EnqueuedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes("not json") });

        Assert.Equal("junk", (await deadLetters.ExpectAsync()).Envelope.MessageId);
        await connection.ExpectNoWriteAsync(TimeSpan.FromMilliseconds(50));
        await Logs.ExpectAsync(e => e.EventId.Id == 5008);
        await consumer.DisposeAsync();
    }

    [Fact]
    public async Task A_stanza_the_output_rejects_goes_to_the_dead_letter_queue()
    {
        var (_, consumer) = await StartNodeAsync("a", answerPings: true);
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        var deadLetters = await WatchDeadLettersAsync();

        await outbox.SendAsync(new XmppStanza("bad", "site-a", "", "no recipient"));

        Assert.Equal("bad", (await deadLetters.ExpectAsync()).Envelope.MessageId);
        await consumer.DisposeAsync();
    }

    [Fact]
    public async Task The_service_connects_on_the_first_stanza_and_on_dispose_hands_back_what_is_unconfirmed_and_closes_the_connection()
    {
        var connector = new FakeXmppConnector { AnswerPings = false };
        var service = await XmppOutputService.StartAsync(transport, settings, Sys, connector, LoggerFactory);
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        service.Output.Tell(GetXmppOutputStatus.Instance, TestActor);
        Assert.Equal(new XmppOutputStatus(false, 0, 0), await ExpectMsgAsync<XmppOutputStatus>());
        Assert.Equal(0, connector.Attempts); // no stanza yet: a standby node never connects

        await outbox.SendAsync(new XmppStanza("s1", "site-a", "receiver@fake", "hello"));
        var connection = await connector.NextConnectionAsync();
        await connection.NextWriteAsync();
        Watch(service.Output);
        await service.DisposeAsync();

        await ExpectTerminatedAsync(service.Output);
        Assert.True(connection.IsClosed);
        Assert.Equal(1, (await transport.GetStatusAsync(settings.OutboxQueue)).MessagesReady);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await transport.DisposeAsync();
    }

    private async Task<DeliveryProbe> WatchDeadLettersAsync()
    {
        var probe = new DeliveryProbe();
        await transport.SubscribeAsync(new QueueSpec(settings.OutboxQueue + ".dead", settings.OutboxDurable), 1, probe.OnDeliveryAsync);
        return probe;
    }

    private async Task<(FakeXmppConnector Connector, XmppOutboxConsumer Consumer)> StartNodeAsync(string node, bool answerPings)
    {
        var connector = new FakeXmppConnector { AnswerPings = answerPings };
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, connector, LoggerFactory), "xmpp-" + node);
        return (connector, await XmppOutboxConsumer.StartAsync(transport, settings, Sys, xmpp, LoggerFactory.CreateLogger<XmppOutboxConsumer>()));
    }
}
