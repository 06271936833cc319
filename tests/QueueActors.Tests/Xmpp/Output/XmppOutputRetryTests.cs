using Akka.Actor;
using QueueActors.Actors.Xmpp;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

public sealed class XmppOutputRetryTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Fact]
    public async Task Keeps_stanzas_while_it_cannot_connect_and_sends_them_once_it_can()
    {
        Connector.FailuresLeft = 3;
        var xmpp = StartOutput();
        xmpp.Tell(Stanza("s1"), TestActor);
        xmpp.Tell(Stanza("s2"), TestActor);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await AwaitConditionAsync(() => Connector.Attempts == attempt && Scheduler.TimersStarted == attempt, null, "the attempt failed and the retry timer is armed");
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(20));
            Scheduler.Advance(Settings.MaxBackoff);
        }

        var connection = await Connector.NextConnectionAsync();
        Assert.Equal(["s1", "s2"], (await connection.NextWriteAsync()).StanzaIds);
        await ExpectMsgAsync(new StanzaSent("s1"));
        await ExpectMsgAsync(new StanzaSent("s2"));
    }

    [Fact]
    public async Task Stanzas_written_but_unconfirmed_when_the_connection_is_lost_are_sent_again_first_on_the_next_one()
    {
        Connector.AnswerPings = false;
        var xmpp = StartOutput();
        var first = await Connector.NextConnectionAsync();
        xmpp.Tell(Stanza("s1"), TestActor);
        await first.NextWriteAsync();
        xmpp.Tell(Stanza("s2"), TestActor);
        await first.NextWriteAsync();

        var timers = Scheduler.TimersStarted;
        first.Close("stream error system-shutdown");
        xmpp.Tell(Stanza("s3"), TestActor);
        await AdvanceAfterTimerAsync(timers, Settings.MinBackoff);

        var second = await Connector.NextConnectionAsync();
        var resent = await second.NextWriteAsync();
        Assert.Equal(["s1", "s2", "s3"], resent.StanzaIds);
        second.Answer(resent.PingId!);
        var reports = ReceiveN(3);
        Assert.Equal(["s1", "s2", "s3"], reports.Cast<StanzaSent>().Select(s => s.StanzaId));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_write_that_fails_keeps_its_batch_and_the_output_reconnects()
    {
        var xmpp = StartOutput();
        var first = await Connector.NextConnectionAsync();
        first.FailWrites = true;
        await AwaitConditionAsync(() => Scheduler.TimersStarted == 1, null, "the keepalive timer is armed");
        var timers = Scheduler.TimersStarted;

        xmpp.Tell(Stanza("s1"), TestActor);
        await AdvanceAfterTimerAsync(timers, Settings.MinBackoff);

        var second = await Connector.NextConnectionAsync();
        Assert.Equal(["s1"], (await second.NextWriteAsync()).StanzaIds);
        await ExpectMsgAsync(new StanzaSent("s1"));
        Assert.True(first.IsClosed);
    }

    [Fact]
    public async Task Announces_losing_and_regaining_the_connection_on_the_event_stream()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppConnected));
        Sys.EventStream.Subscribe(events.Ref, typeof(XmppDisconnected));
        StartOutput();
        var first = await Connector.NextConnectionAsync();
        await events.ExpectMsgAsync(new XmppConnected("sender@fake/qa"));
        await AwaitConditionAsync(() => Scheduler.TimersStarted == 1, null, "the keepalive timer is armed");

        var timers = Scheduler.TimersStarted;
        first.Close("stream error conflict");
        await events.ExpectMsgAsync(new XmppDisconnected("stream error conflict"));
        await AdvanceAfterTimerAsync(timers, Settings.MinBackoff);

        await events.ExpectMsgAsync(new XmppConnected("sender@fake/qa"));
    }
}
