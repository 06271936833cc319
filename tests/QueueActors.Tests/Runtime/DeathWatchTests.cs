using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class DeathWatchTests : TestKitBase
{
    [Fact]
    public async Task A_watcher_gets_Terminated_exactly_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(target, TestActor.Ref)));
        await TestActor.ExpectMsgAsync("watching");

        Sys.Stop(target);
        target.Tell(PoisonPill.Instance);

        var terminated = await TestActor.ExpectMsgAsync<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        await TestActor.ExpectNoMsgAsync();
        GC.KeepAlive(watcher);
    }

    [Fact]
    public async Task Watching_an_actor_that_is_already_dead_delivers_Terminated_at_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.True(await target.GracefulStopAsync(TimeSpan.FromSeconds(3)));

        Sys.ActorOf(Props.Create(() => new WatchingActor(target, TestActor.Ref)));

        await TestActor.ExpectMsgAsync("watching");
        await TestActor.ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target));
    }

    [Fact]
    public async Task Unwatch_before_the_end_means_no_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        TestActor.Watch(target);
        TestActor.Unwatch(target);

        Sys.Stop(target);

        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task An_unhandled_Terminated_stops_the_watcher_with_a_death_pact()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(target, TestActor.Ref, handleTerminated: false)));
        await TestActor.ExpectMsgAsync("watching");
        var probe = CreateProbe();
        probe.Watch(watcher);

        Sys.Stop(target);

        await probe.ExpectTerminatedAsync(watcher);
        await Logs.ExpectAsync(e => e.Exception is DeathPactException);
    }

    [Fact]
    public async Task A_parent_stops_after_its_children_and_PostStop_runs_last()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(
            SupervisorStrategy.StoppingStrategy,
            ("c1", Props.Create(() => new CountingActor(TestActor.Ref))),
            ("c2", Props.Create(() => new CountingActor(TestActor.Ref))))));
        await TestActor.ReceiveNAsync(2);

        Assert.True(await parent.GracefulStopAsync(TimeSpan.FromSeconds(3)));

        var stops = await TestActor.ReceiveNAsync(2);
        Assert.Equal(["PostStop c1", "PostStop c2"], stops.Cast<string>().Order());
    }

    private sealed class WatchingActor(IActorRef target, IActorRef reporter, bool handleTerminated = true) : ActorBase
    {
        protected override void PreStart()
        {
            Context.Watch(target);
            reporter.Tell("watching");
        }

        protected override ValueTask ReceiveAsync(object message)
        {
            if (message is Terminated && handleTerminated)
            {
                reporter.Tell(message);
                return ValueTask.CompletedTask;
            }

            return Unhandled(message);
        }
    }
}
