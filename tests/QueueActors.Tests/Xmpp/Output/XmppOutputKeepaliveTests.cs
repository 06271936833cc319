using Akka.Actor;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

public sealed class XmppOutputKeepaliveTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Fact]
    public async Task Pings_the_server_after_a_keepalive_interval_without_writes()
    {
        Connector.AnswerPings = false;
        StartOutput();
        var connection = await Connector.NextConnectionAsync();
        await AwaitConditionAsync(() => Scheduler.TimersStarted >= 1, null, "the keepalive timer is armed");

        Scheduler.Advance(Settings.KeepaliveInterval);

        var ping = await connection.NextWriteAsync();
        Assert.Empty(ping.StanzaIds);
        Assert.NotNull(ping.PingId);
    }

    [Fact]
    public async Task Keeps_pinging_once_per_interval_while_idle()
    {
        StartOutput();
        var connection = await Connector.NextConnectionAsync();
        await AwaitConditionAsync(() => Scheduler.TimersStarted >= 1, null, "the keepalive timer is armed");

        Scheduler.Advance(Settings.KeepaliveInterval);
        var first = await connection.NextWriteAsync();
        Scheduler.Advance(Settings.KeepaliveInterval);
        var second = await connection.NextWriteAsync();

        Assert.NotEqual(first.PingId, second.PingId);
    }

    [Fact]
    public async Task Sends_no_keepalive_while_stanzas_are_being_written()
    {
        var xmpp = StartOutput();
        var connection = await Connector.NextConnectionAsync();
        await AwaitConditionAsync(() => Scheduler.TimersStarted >= 1, null, "the keepalive timer is armed");

        Scheduler.Advance(Settings.KeepaliveInterval - TimeSpan.FromSeconds(1));
        xmpp.Tell(Stanza("s1"), TestActor);
        await connection.NextWriteAsync();
        await ExpectMsgAsync(new Actors.Xmpp.StanzaSent("s1"));
        Scheduler.Advance(TimeSpan.FromSeconds(1));

        await connection.ExpectNoWriteAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Drops_the_connection_and_reconnects_when_a_ping_goes_unanswered_for_the_ping_timeout()
    {
        Connector.AnswerPings = false;
        var xmpp = StartOutput();
        var first = await Connector.NextConnectionAsync();
        xmpp.Tell(Stanza("s1"), TestActor);
        await first.NextWriteAsync();
        Connector.AnswerPings = true;
        await AwaitConditionAsync(() => Scheduler.TimersStarted == 2, null, "the keepalive and ping timeout timers are armed");

        Scheduler.Advance(Settings.PingTimeout);
        await AwaitConditionAsync(() => first.IsClosed, null, "the silent connection is dropped");
        await AdvanceAfterTimerAsync(2, Settings.MaxBackoff);

        var second = await Connector.NextConnectionAsync();
        Assert.Equal(["s1"], (await second.NextWriteAsync()).StanzaIds);
        await ExpectMsgAsync(new Actors.Xmpp.StanzaSent("s1"));
        await Logs.ExpectAsync(e => e.EventId.Id == 5006);
    }
}
