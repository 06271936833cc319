using QueueActors.Actors.Config;
using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

/// <summary>The actor and the tests README.md shows, kept compiling and passing here.</summary>
public sealed class ReadmeExampleTests : TestKitBase
{
    [Fact]
    public async Task Counts()
    {
        var counter = Sys.ActorOf(Props.Create<Counter>());
        TestActor.Send(counter, new Increment());
        TestActor.Send(counter, new GetCount());
        Assert.Equal(1, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task The_readme_system_answers_an_ask()
    {
        await using var system = ActorSystem.Create("app", ActorSettingsBinding.FromConfig(ConfigLoader.Reference));
        var counter = system.ActorOf(Props.Create<Counter>(), "counter");
        counter.Tell(new Increment());
        var n = await counter.AskAsync<int>(new GetCount());
        Assert.Equal(1, n);
    }

    private sealed record Increment;

    private sealed record GetCount;

    private sealed class Counter : ActorBase
    {
        private int count;

        protected override ValueTask ReceiveAsync(object message) => message switch
        {
            Increment => Handled(() => count++),
            GetCount => Handled(() => Reply(count)),
            _ => Unhandled(message),
        };

        private static ValueTask Handled(Action action)
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
