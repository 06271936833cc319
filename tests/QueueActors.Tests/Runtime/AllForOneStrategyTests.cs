using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class AllForOneStrategyTests : TestKitBase
{
    private IActorRef StartTwins(Func<Exception, Directive> decider)
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(
            new AllForOneStrategy(-1, Timeout.InfiniteTimeSpan, decider),
            ("a", Props.Create(() => new CountingActor(TestActor.Ref))),
            ("b", Props.Create(() => new CountingActor(TestActor.Ref))))));
        return parent;
    }

    [Fact]
    public async Task Restarts_the_siblings_of_the_child_that_failed()
    {
        var parent = StartTwins(_ => Directive.Restart);
        await TestActor.ReceiveNAsync(2);
        parent.Tell(("b", "x"));
        parent.Tell(("b", "count?"), TestActor.Ref);
        Assert.Equal(1, await TestActor.ExpectMsgAsync<int>());

        parent.Tell(("a", "fail"));

        var restarts = await TestActor.ReceiveNAsync(8);
        Assert.Contains("PostRestart a", restarts);
        Assert.Contains("PostRestart b", restarts);
        parent.Tell(("b", "count?"), TestActor.Ref);
        Assert.Equal(0, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task Stops_every_child_when_one_fails_and_the_decider_says_stop()
    {
        var parent = StartTwins(_ => Directive.Stop);
        await TestActor.ReceiveNAsync(2);

        parent.Tell(("b", "fail"));

        var stops = await TestActor.ReceiveNAsync(2);
        Assert.Equal(["PostStop a", "PostStop b"], stops.Cast<string>().Order());
    }
}
