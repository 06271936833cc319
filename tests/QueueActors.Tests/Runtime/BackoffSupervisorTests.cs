using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class BackoffSupervisorTests() : TestKitBase(timeProvider: new ManualTimeProvider())
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    /// <summary>Fails the child and waits until the supervisor has armed the restart timer.</summary>
    private async Task FailChildAsync(IActorRef supervisor)
    {
        var armed = Clock.TimersCreated + 1;
        supervisor.Tell("fail");
        await TestActor.ExpectMsgAsync("PostStop worker");
        await AwaitConditionAsync(() => Clock.TimersCreated >= armed);
    }

    [Fact]
    public void The_delay_doubles_from_the_minimum_and_is_capped_at_the_maximum()
    {
        var options = new BackoffOptions(Props.Create<EchoActor>(), "c", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2);

        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(0, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), options.DelayFor(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(4.8), options.DelayFor(2, 1));
        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayFor(8, 0.5));
    }

    [Fact]
    public async Task A_failed_child_is_restarted_only_after_the_backoff()
    {
        var options = new BackoffOptions(Props.Create(() => new CountingActor(TestActor.Ref)), "worker", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0)
        {
            ResetAfter = TimeSpan.FromMinutes(1),
        };
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        await TestActor.ExpectMsgAsync("PreStart worker");

        await FailChildAsync(supervisor);
        await TestActor.ExpectNoMsgAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await TestActor.ExpectMsgAsync("PreStart worker");

        await FailChildAsync(supervisor);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await TestActor.ExpectNoMsgAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await TestActor.ExpectMsgAsync("PreStart worker");
    }

    [Fact]
    public async Task The_backoff_resets_after_the_child_ran_long_enough()
    {
        var options = new BackoffOptions(Props.Create(() => new CountingActor(TestActor.Ref)), "worker", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0)
        {
            ResetAfter = TimeSpan.FromSeconds(5),
        };
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));
        await TestActor.ExpectMsgAsync("PreStart worker");
        await FailChildAsync(supervisor);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await TestActor.ExpectMsgAsync("PreStart worker");

        Clock.Advance(TimeSpan.FromSeconds(5));
        supervisor.Tell("count?", TestActor.Ref);
        await TestActor.ExpectMsgAsync(0);
        await FailChildAsync(supervisor);
        Clock.Advance(TimeSpan.FromSeconds(1));

        await TestActor.ExpectMsgAsync("PreStart worker");
    }

    [Fact]
    public async Task Messages_are_forwarded_to_the_child()
    {
        var options = new BackoffOptions(Props.Create<EchoActor>(), "echo", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options));

        TestActor.Send(supervisor, "ping");

        await TestActor.ExpectMsgAsync("ping");
        Assert.Equal("qa://test/user/$1/echo".Length, (await supervisor.AskAsync<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance)).Ref!.Path.ToString().Length);
    }
}
