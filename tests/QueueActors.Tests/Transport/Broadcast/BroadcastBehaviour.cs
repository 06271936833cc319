using System.Text;
using QueueActors.Actors.Transport;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>
/// Fan-out channels (<see cref="IBroadcast"/>), the same behaviour on every transport. The second subscriber
/// of the ordering test sits on a peer transport (another node) where the transport has one.
/// </summary>
public abstract class BroadcastBehaviour : BroadcastTestBase
{
    [Fact]
    public async Task Every_subscriber_gets_every_message_in_publish_order()
    {
        var channel = NewChannel("order");
        var here = await SubscribeAsync(Transport, channel);
        var there = await SubscribeAsync(await PeerAsync(), channel);
        var sent = Enumerable.Range(0, 20).Select(i => $"m{i}").ToArray();

        foreach (var message in sent)
        {
            await PublishAsync(channel, message);
        }

        Assert.Equal(sent, await here.ExpectAsync(sent.Length));
        Assert.Equal(sent, await there.ExpectAsync(sent.Length));
        await here.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
        await there.ExpectNoneAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Concurrent_publishers_lose_nothing_and_each_one_arrives_in_its_order()
    {
        const int each = 50;
        var channel = NewChannel("concurrent");
        var probe = await SubscribeAsync(Transport, channel);
        var peer = await PeerAsync();

        await Task.WhenAll(PublishManyAsync(Transport, "a"), PublishManyAsync(peer, "b"));

        var got = await probe.ExpectAsync(2 * each);
        Assert.Equal(Enumerable.Range(0, each).Select(i => $"a{i}"), got.Where(m => m[0] == 'a'));
        Assert.Equal(Enumerable.Range(0, each).Select(i => $"b{i}"), got.Where(m => m[0] == 'b'));

        async Task PublishManyAsync(Actors.Transport.ITransport publisher, string name)
        {
            await Task.Yield();
            for (var i = 0; i < each; i++)
            {
                await PublishAsync(publisher, channel, $"{name}{i}");
            }
        }
    }

    [Fact]
    public async Task A_subscriber_gets_its_own_publishes_and_only_its_channels()
    {
        var channel = NewChannel("own");
        var other = NewChannel("other");
        var probe = await SubscribeAsync(Transport, channel);

        await PublishAsync(other, "elsewhere");
        await PublishAsync(channel, "mine");

        Assert.Equal("mine", await probe.ExpectAsync());
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_disposed_subscription_gets_nothing_more()
    {
        var channel = NewChannel("dispose");
        var leaving = new BroadcastProbe();
        var subscription = await SubscribeAsync(Transport, channel, leaving);
        var staying = await SubscribeAsync(Transport, channel);
        await PublishAsync(channel, "before");
        Assert.Equal("before", await leaving.ExpectAsync());
        Assert.Equal("before", await staying.ExpectAsync());

        await subscription.DisposeAsync();
        await PublishAsync(channel, "after");

        Assert.Equal("after", await staying.ExpectAsync());
        await leaving.ExpectNoneAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_subscription_disposed_by_its_own_callback_stops_there()
    {
        var channel = NewChannel("self-dispose");
        var subscription = new TaskCompletionSource<IAsyncDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var got = new List<string>();
        subscription.SetResult(await Transport.SubscribeBroadcastAsync(channel, async (message, _) =>
        {
            got.Add(Encoding.UTF8.GetString(message.Span));
            await (await subscription.Task).DisposeAsync();
            disposed.TrySetResult();
        }));
        var staying = await SubscribeAsync(Transport, channel);

        await PublishAsync(channel, "stop");
        await disposed.Task.WaitAsync(BroadcastProbe.DefaultTimeout); // no deadlock on its own loop
        await PublishAsync(channel, "after");

        Assert.Equal(["stop", "after"], await staying.ExpectAsync(2));
        await Task.Yield();
        Assert.Equal(["stop"], got);
    }

    [Fact]
    public async Task A_message_published_before_anyone_subscribed_is_not_delivered_later()
    {
        var channel = NewChannel("early");
        await PublishAsync(channel, "early");

        var probe = await SubscribeAsync(Transport, channel);
        await PublishAsync(channel, "late");

        Assert.Equal("late", await probe.ExpectAsync());
        await probe.ExpectNoneAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_handler_exception_does_not_stop_the_subscription()
    {
        var channel = NewChannel("throws");
        var probe = new BroadcastProbe { ThrowOn = "bad" };
        await SubscribeAsync(Transport, channel, probe);

        await PublishAsync(channel, "bad");
        await PublishAsync(channel, "good");

        Assert.Equal(["bad", "good"], await probe.ExpectAsync(2));
    }

    [Fact]
    public async Task A_channel_name_that_breaks_the_rules_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Transport.BroadcastAsync(" ", Encoding.UTF8.GetBytes("x")));
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Transport.SubscribeBroadcastAsync("amq.control", (_, _) => ValueTask.CompletedTask));
        Assert.Contains("reserved prefix", error.Message);
    }
}
