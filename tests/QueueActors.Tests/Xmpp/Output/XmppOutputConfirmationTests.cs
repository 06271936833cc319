using Akka.Actor;
using QueueActors.Actors.Xmpp;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

public sealed class XmppOutputConfirmationTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Fact]
    public async Task Reports_a_stanza_sent_only_after_the_server_answered_the_ping_written_behind_it()
    {
        Connector.AnswerPings = false;
        var xmpp = StartOutput();
        var connection = await Connector.NextConnectionAsync();

        xmpp.Tell(Stanza("s1"), TestActor);
        var write = await connection.NextWriteAsync();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        connection.Answer(write.PingId!);

        Assert.Equal(["s1"], write.StanzaIds);
        await ExpectMsgAsync(new StanzaSent("s1"));
    }

    [Fact]
    public async Task Stanzas_waiting_together_go_out_in_batches_of_confirm_batch_each_followed_by_a_ping()
    {
        Connector.FailuresLeft = 1;
        var xmpp = StartOutput();
        await AwaitConditionAsync(() => Connector.Attempts == 1 && Scheduler.TimersStarted == 1, null, "the first attempt failed and the retry timer is armed");
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            xmpp.Tell(Stanza(id), TestActor);
        }

        Scheduler.Advance(Settings.MaxBackoff);
        var connection = await Connector.NextConnectionAsync();

        var first = await connection.NextWriteAsync();
        var second = await connection.NextWriteAsync();
        Assert.Equal(["a", "b", "c"], first.StanzaIds);
        Assert.Equal(["d", "e"], second.StanzaIds);
        Assert.NotNull(first.PingId);
        Assert.NotEqual(first.PingId, second.PingId);
        var reports = ReceiveN(5);
        Assert.Equal(["a", "b", "c", "d", "e"], reports.Cast<StanzaSent>().Select(s => s.StanzaId));
    }

    [Fact]
    public async Task The_answer_to_a_later_ping_confirms_the_batches_before_it_too()
    {
        Connector.AnswerPings = false;
        Connector.FailuresLeft = 1;
        var xmpp = StartOutput();
        await AwaitConditionAsync(() => Connector.Attempts == 1 && Scheduler.TimersStarted == 1, null, "the first attempt failed and the retry timer is armed");
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            xmpp.Tell(Stanza(id), TestActor);
        }

        Scheduler.Advance(Settings.MaxBackoff);
        var connection = await Connector.NextConnectionAsync();
        await connection.NextWriteAsync();
        var second = await connection.NextWriteAsync();

        connection.Answer(second.PingId!);

        var reports = ReceiveN(4);
        Assert.Equal(["a", "b", "c", "d"], reports.Cast<StanzaSent>().Select(s => s.StanzaId));
    }

    [Fact]
    public async Task Status_tells_whether_it_is_connected_and_how_many_stanzas_wait_and_were_sent()
    {
        Connector.AnswerPings = false;
        var xmpp = StartOutput();
        var connection = await Connector.NextConnectionAsync();
        xmpp.Tell(Stanza("s1"), TestActor);
        xmpp.Tell(Stanza("s2"), TestActor);
        var write = await connection.NextWriteAsync();
        if (write.StanzaIds.Count == 1)
        {
            write = await connection.NextWriteAsync(); // s2 came after the flush for s1 was queued
        }

        var probe = CreateTestProbe();
        probe.Send(xmpp, GetXmppOutputStatus.Instance);
        Assert.Equal(new XmppOutputStatus(true, 2, 0), await probe.ExpectMsgAsync<XmppOutputStatus>());

        connection.Answer(write.PingId!);
        ReceiveN(2);
        probe.Send(xmpp, GetXmppOutputStatus.Instance);
        Assert.Equal(new XmppOutputStatus(true, 0, 2), await probe.ExpectMsgAsync<XmppOutputStatus>());
    }
}
