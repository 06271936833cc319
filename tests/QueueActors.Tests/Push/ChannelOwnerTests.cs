using Akka.Actor;
using QueueActors.Actors.Push;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary>A channel's owner (here the off-cluster one, <see cref="PushChannelOwners"/>): numbering, the bounded history, resets.</summary>
public sealed class ChannelOwnerTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Channel = "site:owner-test";
    private readonly ManualTimeProvider time = new();

    [Fact]
    public void It_holds_only_the_last_history_size_events_and_an_id_older_than_them_gets_a_reset_then_what_is_held()
    {
        var owners = Sys.ActorOf(PushChannelOwners.Props(new PushSettings { HistorySize = 2 }, time));
        var client = CreateTestProbe();
        owners.Tell(new ChannelSubscribe(Channel, null, client.Ref));
        var start = client.ExpectMsg<ChannelSubscribed>();
        Assert.Equal((0L, false, 0), (start.Head.Seq, start.Reset, start.Events.Length));
        for (var i = 1; i <= 4; i++)
        {
            owners.Tell(new ChannelPush(Channel, "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(i, client.ExpectMsg<PushedEvent>().Position.Seq);
        }

        var epoch = start.Head.Epoch;
        var late = CreateTestProbe();
        owners.Tell(new ChannelSubscribe(Channel, new PushPosition(epoch, 2), late.Ref)); // 3 and 4 are held
        var held = late.ExpectMsg<ChannelSubscribed>();
        Assert.False(held.Reset);
        Assert.Equal(["3", "4"], held.Events.Select(e => e.Data));

        var tooLate = CreateTestProbe();
        owners.Tell(new ChannelSubscribe(Channel, new PushPosition(epoch, 1), tooLate.Ref)); // 2 is gone
        var reset = tooLate.ExpectMsg<ChannelSubscribed>();
        Assert.True(reset.Reset);
        Assert.Equal(["3", "4"], reset.Events.Select(e => e.Data));
    }

    [Fact]
    public void Events_older_than_history_age_are_no_longer_held()
    {
        var owners = Sys.ActorOf(PushChannelOwners.Props(new PushSettings { HistoryAge = TimeSpan.FromMinutes(1) }, time));
        var client = CreateTestProbe();
        owners.Tell(new ChannelSubscribe(Channel, null, client.Ref));
        var epoch = client.ExpectMsg<ChannelSubscribed>().Head.Epoch;
        owners.Tell(new ChannelPush(Channel, "n", "old"));
        client.ExpectMsg<PushedEvent>();
        time.Advance(TimeSpan.FromMinutes(2));
        owners.Tell(new ChannelPush(Channel, "n", "new"));
        client.ExpectMsg<PushedEvent>();

        var back = CreateTestProbe();
        owners.Tell(new ChannelSubscribe(Channel, new PushPosition(epoch, 0), back.Ref));
        var answer = back.ExpectMsg<ChannelSubscribed>();
        Assert.True(answer.Reset); // "old" is gone: the client missed something
        Assert.Equal(["new"], answer.Events.Select(e => e.Data));
    }
}
