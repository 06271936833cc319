using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class RestartWindowTests() : TestKitBase(timeProvider: new ManualTimeProvider())
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    private IActorRef StartParent(int maxNrOfRetries, TimeSpan within) =>
        Sys.ActorOf(Props.Create(() => new ParentActor(
            new OneForOneStrategy(maxNrOfRetries, within),
            ("child", Props.Create(() => new CountingActor(TestActor.Ref))))));

    private async Task FailAndExpectRestartAsync(IActorRef parent)
    {
        parent.Tell(("child", "fail"));
        await TestActor.FishForMessageAsync<string>(m => m == "PostRestart child");
    }

    [Fact]
    public async Task Allows_N_restarts_within_the_window_and_stops_the_child_at_N_plus_one()
    {
        var parent = StartParent(3, TimeSpan.FromMinutes(1));
        await TestActor.ExpectMsgAsync("PreStart child");

        for (var i = 0; i < 3; i++)
        {
            await FailAndExpectRestartAsync(parent);
        }

        parent.Tell(("child", "fail"));
        await TestActor.FishForMessageAsync<string>(m => m == "PostStop child");
        await TestActor.ExpectNoMsgAsync();
        await Logs.ExpectAsync(e => e.Message.Contains("failed more than 3 times within 00:01:00; stopping it"));
    }

    [Fact]
    public async Task Restarts_outside_the_window_start_a_new_count()
    {
        var parent = StartParent(2, TimeSpan.FromSeconds(10));
        await TestActor.ExpectMsgAsync("PreStart child");

        await FailAndExpectRestartAsync(parent);
        await FailAndExpectRestartAsync(parent);
        Clock.Advance(TimeSpan.FromSeconds(11));
        await FailAndExpectRestartAsync(parent);
        await FailAndExpectRestartAsync(parent);

        parent.Tell(("child", "count?"), TestActor.Ref);
        await TestActor.FishForMessageAsync<int>(count => count == 0);
    }

    [Fact]
    public async Task Zero_retries_stops_at_the_first_failure()
    {
        var parent = StartParent(0, TimeSpan.FromMinutes(1));
        await TestActor.ExpectMsgAsync("PreStart child");

        parent.Tell(("child", "fail"));

        await TestActor.ExpectMsgAsync("PostStop child");
    }
}
