using System.Collections.Concurrent;
using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class MessageOrderingTests : TestKitBase
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_sent()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        for (var i = 0; i < 10_000; i++)
        {
            TestActor.Send(echo, i);
        }

        var received = await TestActor.ReceiveNAsync(10_000);
        Assert.Equal(Enumerable.Range(0, 10_000).Cast<object>(), received);
    }

    [Fact]
    public async Task Each_of_eight_concurrent_senders_keeps_its_own_order()
    {
        const int PerSender = 20_000;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastSeen = new int[8];
        var violations = 0;
        var total = 0;
        var receiver = Sys.ActorOf(Props.Create(() => new DelegateActor(message =>
        {
            var (sender, sequence) = ((int, int))message;
            if (sequence != lastSeen[sender] + 1)
            {
                violations++;
            }

            lastSeen[sender] = sequence;
            if (++total == 8 * PerSender)
            {
                done.SetResult();
            }
        })));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(() =>
        {
            for (var i = 1; i <= PerSender; i++)
            {
                receiver.Tell((sender, i));
            }
        })));

        await done.Task.WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, violations);
        Assert.All(lastSeen, last => Assert.Equal(PerSender, last));
    }

    [Fact]
    public async Task A_million_messages_from_eight_senders_are_each_delivered_exactly_once()
    {
        const int Senders = 8;
        const int PerSender = 125_000;
        var seen = new byte[Senders * PerSender];
        var duplicates = 0;
        var count = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finalCount = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = Sys.ActorOf(Props.Create(() => new DelegateActor(message =>
        {
            var id = (int)message;
            if (id < 0)
            {
                finalCount.SetResult(count);
                return;
            }

            if (seen[id]++ != 0)
            {
                duplicates++;
            }

            if (++count == seen.Length)
            {
                allArrived.SetResult();
            }
        })));

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                receiver.Tell((sender * PerSender) + i);
            }
        })));

        await allArrived.Task.WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(30)));
        receiver.Tell(-1); // queued behind everything sent: nothing may arrive after the count
        Assert.Equal(seen.Length, await finalCount.Task.WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(5))));
        Assert.Equal(0, duplicates);
        Assert.DoesNotContain((byte)0, seen);
    }

    [Fact]
    public async Task System_messages_overtake_queued_user_messages()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<object>();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncDelegateActor(async message =>
        {
            handled.Enqueue(message);
            if (message is "block")
            {
                await gate.Task;
            }
        })));
        TestActor.Watch(actor);

        actor.Tell("block");
        await AwaitConditionAsync(() => handled.Count == 1);
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(i);
        }

        Sys.Stop(actor);
        gate.SetResult();

        await TestActor.ExpectTerminatedAsync(actor);
        Assert.Equal(["block"], handled);
    }
}
