using QueueActors.Actors.Runtime;
using QueueActors.Actors.Xmpp;
using QueueActors.TestKit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

/// <summary>An output actor on a fake connector and a manual clock: backoff, keepalive and ping timeouts move only when told.</summary>
public abstract class XmppOutputTestBase : TestKitBase
{
    protected XmppOutputTestBase(ITestOutputHelper output)
        : this(output, new ManualTimeProvider())
    {
    }

    private XmppOutputTestBase(ITestOutputHelper output, ManualTimeProvider clock)
        : base(output, clock)
    {
        Clock = clock;
    }

    protected ManualTimeProvider Clock { get; }

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

    protected IActorRef StartOutput() => Sys.ActorOf(XmppOutputActor.Props(Settings, Connector), "xmpp");

    protected static SendStanza Stanza(string id, string site = "site-a") => new(new XmppStanza(id, site, "receiver@fake", "body of " + id));

    /// <summary>Advances the clock once the actor has armed a new timer (it arms them in its own turn).</summary>
    protected async Task AdvanceAfterTimerAsync(int timersBefore, TimeSpan by)
    {
        await AwaitConditionAsync(() => Clock.TimersCreated > timersBefore, because: "the actor arms a timer");
        Clock.Advance(by);
    }
}
