using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class StashAndBecomeTests : TestKitBase
{
    [Fact]
    public async Task Unstashed_messages_come_back_in_arrival_order_before_newer_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor.Ref)));

        foreach (var message in new object[] { 1, 2, 3, "open", 4 })
        {
            actor.Tell(message);
        }

        Assert.Equal([1, 2, 3, 4], await TestActor.ReceiveNAsync(4));
    }

    [Fact]
    public async Task Become_replaces_the_receive_and_Unbecome_restores_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor.Ref)));

        actor.Tell("open");
        actor.Tell(1);
        actor.Tell("close");
        actor.Tell(2);
        actor.Tell("open");

        Assert.Equal([1, 2], await TestActor.ReceiveNAsync(2));
    }

    [Fact]
    public async Task Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor.Ref)));
        var deadLetters = SubscribeDeadLetters();
        actor.Tell(1);

        actor.Tell(PoisonPill.Instance);

        var dead = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal(1, dead.Message);
    }

    /// <summary>Closed: stashes numbers. Open: passes them on; "close" goes back to stashing.</summary>
    private sealed class GateActor(IActorRef reporter) : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            if (message is "open")
            {
                Context.Become(Open, discardOld: false);
                Context.Stash.UnstashAll();
            }
            else if (message is int)
            {
                Context.Stash.Stash();
            }

            return ValueTask.CompletedTask;
        }

        private ValueTask Open(object message)
        {
            if (message is "close")
            {
                Context.Unbecome();
            }
            else if (message is int)
            {
                reporter.Tell(message);
            }

            return ValueTask.CompletedTask;
        }
    }
}
