using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

public sealed class XmppOutputBackoffTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Fact]
    public async Task Waits_twice_as_long_after_each_failed_connect_up_to_the_max_backoff()
    {
        Connector.FailuresLeft = 5;
        StartOutput();
        var expectedPauses = new[] { 1, 2, 4, 8, 8 }.Select(s => TimeSpan.FromSeconds(s)).ToList();

        for (var failure = 0; failure < expectedPauses.Count; failure++)
        {
            await AwaitConditionAsync(() => Connector.Attempts == failure + 1);
            await AwaitConditionAsync(() => Scheduler.TimersStarted > failure);
            Scheduler.Advance(expectedPauses[failure] - TimeSpan.FromMilliseconds(1));
            Assert.Equal(failure + 1, Connector.Attempts);
            Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Connector.NextConnectionAsync();
        Assert.Equal(6, Connector.Attempts);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_before_the_server_ever_answers_backs_off_too()
    {
        Connector.AnswerPings = false;
        StartOutput();
        var first = await Connector.NextConnectionAsync();
        await AwaitConditionAsync(() => Scheduler.TimersStarted == 1, null, "the keepalive timer is armed");
        first.Close("stream error conflict");
        await AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));
        var second = await Connector.NextConnectionAsync();
        await AwaitConditionAsync(() => Scheduler.TimersStarted == 3, null, "the second keepalive timer is armed");

        second.Close("stream error conflict");
        await AdvanceAfterTimerAsync(3, TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Connector.Attempts);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));

        await Connector.NextConnectionAsync();
    }

    [Fact]
    public void The_reconnect_delay_stretches_by_at_most_the_random_factor()
    {
        var settings = XmppTestSettings.Defaults with { MinBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(60), RandomFactor = 0.2 };

        Assert.Equal(TimeSpan.FromSeconds(4), settings.ReconnectDelay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(4.8), settings.ReconnectDelay(2, 1));
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ReconnectDelay(40, 1));
    }
}
