using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp;

/// <summary>The whole way: handler outbox → queue → consumer → output actor → Prosody → another client.</summary>
[Collection(ProsodyCollection.Name)]
[Trait("Category", "Integration")]
public sealed class XmppOutboxEndToEndTests(ProsodyFixture prosody, ITestOutputHelper output) : LoggingTestKit(output)
{
    private const string SecretVariable = "QA_TEST_XMPP_SECRET";

    [Fact]
    public async Task Stanzas_put_in_the_outbox_reach_the_client_exactly_once_and_leave_the_queue_empty()
    {
        await using var transport = new InMemoryTransport();
        await using var receiver = await XmppTestClient.ReceiverAsync(prosody.Server);
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender) with { OutboxPrefetch = 20 };
        var connector = XmppConnector.FromSettings(settings with { Secret = new(null, SecretVariable) }, environment: Environment(ProsodyFixture.SenderPassword));
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(settings, connector, LoggerFactory), "xmpp");
        await using var consumer = await XmppOutboxConsumer.StartAsync(transport, settings, Sys, xmpp, LoggerFactory.CreateLogger<XmppOutboxConsumer>());
        var outbox = await TransportXmppOutbox.CreateAsync(transport, settings);
        var prefix = "outbox-" + Guid.NewGuid().ToString("N")[..8];

        for (var i = 1; i <= 100; i++)
        {
            await outbox.SendAsync(new XmppStanza($"{prefix}-{i}", i % 2 == 0 ? "site-a" : "site-b", receiver.Jid, $"{prefix}-{i}"));
        }

        var messages = await receiver.ExpectMessagesAsync(100, prefix);
        await receiver.ExpectNoMoreAsync(prefix, TimeSpan.FromMilliseconds(300));
        Assert.Equal(100, messages.Select(m => (string?)m.Attribute("id")).Distinct().Count());
        await AwaitConditionAsync(() => consumer.InFlight == 0, null, "every delivery is acked once confirmed");
        Assert.Equal(0, (await transport.GetStatusAsync(settings.OutboxQueue)).MessagesReady);
    }

    [Fact]
    public async Task A_refused_login_is_retried_with_backoff_and_the_password_never_shows_in_a_log()
    {
        const string wrong = "wrong-Pa55word-42";
        var settings = XmppTestSettings.Client(prosody.Server, ProsodyFixture.Sender);
        var connector = new XmppConnector(settings, new Actors.Config.Secret(wrong), LoggerFactory.CreateLogger<XmppConnector>());

        Sys.ActorOf(XmppOutputActor.Props(settings, connector, LoggerFactory), "xmpp");

        await AwaitConditionAsync(() => Logs.Entries.Count(e => e.EventId.Id == 5004) >= 2, TimeSpan.FromSeconds(10), "two failed attempts are logged");
        var failure = Logs.Entries.First(e => e.EventId.Id == 5004);
        Assert.Contains("not-authorized", failure.Exception?.Message);
        Assert.All(Logs.Entries, e => Assert.DoesNotContain(wrong, e.ToString()));
        Assert.All(Logs.Entries, e => Assert.DoesNotContain(wrong, e.Exception?.ToString() ?? ""));
    }

    private static Func<string, string?> Environment(string password) => name => name == SecretVariable ? password : null;
}
