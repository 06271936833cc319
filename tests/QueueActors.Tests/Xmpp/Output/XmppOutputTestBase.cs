using Akka.Actor;
using QueueActors.Actors.Xmpp;
using QueueActors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

/// <summary>An output actor on a fake connector and Akka's test scheduler: backoff, keepalive and ping timeouts move only when told.</summary>
public abstract class XmppOutputTestBase(ITestOutputHelper output) : LoggingTestKit(output, testScheduler: true)
{
    internal FakeXmppConnector Connector { get; } = new();

    /// <summary>Backoff 1 s doubling to 8 s without jitter, batches of 3, keepalive 60 s, ping timeout 20 s.</summary>
    protected XmppSettings Settings { get; set; } = XmppTestSettings.Defaults with
    {
        MinBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(8),
        RandomFactor = 0,
        ConfirmBatch = 3,
        KeepaliveInterval = TimeSpan.FromSeconds(60),
        PingTimeout = TimeSpan.FromSeconds(20),
    };

    protected IActorRef StartOutput() => Sys.ActorOf(XmppOutputActor.Props(Settings, Connector, LoggerFactory), "xmpp");

    protected static SendStanza Stanza(string id, string site = "site-a") => new(new XmppStanza(id, site, "receiver@fake", "body of " + id));

    /// <summary>Advances the scheduler once the actor has armed a new timer (it arms them in its own turn).</summary>
    protected async Task AdvanceAfterTimerAsync(int timersBefore, TimeSpan by)
    {
        await AwaitConditionAsync(() => Scheduler.TimersStarted > timersBefore, null, "the actor arms a timer");
        Scheduler.Advance(by);
    }
}
