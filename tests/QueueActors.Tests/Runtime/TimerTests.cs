using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class TimerTests() : TestKitBase(timeProvider: new ManualTimeProvider())
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    private IActorRef StartTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));

    [Fact]
    public async Task A_single_timer_fires_once_when_its_delay_has_passed()
    {
        var actor = StartTimerActor();
        actor.Tell(("single", TimeSpan.FromSeconds(5)));
        await TestActor.ExpectMsgAsync("started");

        Clock.Advance(TimeSpan.FromSeconds(4));
        await TestActor.ExpectNoMsgAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await TestActor.ExpectMsgAsync("tick");
        Clock.Advance(TimeSpan.FromSeconds(10));
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task A_periodic_timer_fires_every_interval()
    {
        var actor = StartTimerActor();
        actor.Tell(("periodic", TimeSpan.FromSeconds(1)));
        await TestActor.ExpectMsgAsync("started");

        Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["tick", "tick", "tick"], await TestActor.ReceiveNAsync(3));
    }

    [Fact]
    public async Task A_cancelled_timer_never_delivers()
    {
        var actor = StartTimerActor();
        actor.Tell(("single", TimeSpan.FromSeconds(1)));
        actor.Tell("cancel");
        await TestActor.ExpectMsgAsync("started");
        await TestActor.ExpectMsgAsync("cancelled");

        Clock.Advance(TimeSpan.FromSeconds(2));

        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = StartTimerActor();
        actor.Tell(("periodic", TimeSpan.FromSeconds(1)));
        await TestActor.ExpectMsgAsync("started");

        actor.Tell("fail");
        await TestActor.ExpectMsgAsync("restarted");
        Clock.Advance(TimeSpan.FromSeconds(5));

        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_stops()
    {
        var actor = StartTimerActor();
        actor.Tell(("periodic", TimeSpan.FromSeconds(1)));
        await TestActor.ExpectMsgAsync("started");
        var deadLetters = SubscribeDeadLetters();

        Assert.True(await actor.GracefulStopAsync(TimeSpan.FromSeconds(3)));
        Clock.Advance(TimeSpan.FromSeconds(5));

        await TestActor.ExpectNoMsgAsync();
        await deadLetters.ExpectNoMsgAsync();
    }

    private sealed class TimerActor(IActorRef reporter) : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            switch (message)
            {
                case ("single", TimeSpan delay):
                    Context.Timers.StartSingleTimer("t", "tick", delay);
                    reporter.Tell("started");
                    break;
                case ("periodic", TimeSpan interval):
                    Context.Timers.StartPeriodicTimer("t", "tick", interval);
                    reporter.Tell("started");
                    break;
                case "cancel":
                    Context.Timers.Cancel("t");
                    reporter.Tell(Context.Timers.IsTimerActive("t") ? "still active" : "cancelled");
                    break;
                case "fail":
                    throw new InvalidOperationException("restart me");
                case "tick":
                    reporter.Tell("tick");
                    break;
            }

            return ValueTask.CompletedTask;
        }

        protected override void PostRestart(Exception reason) => reporter.Tell("restarted");
    }
}
