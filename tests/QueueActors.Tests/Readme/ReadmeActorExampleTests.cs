using Akka.Actor;
using Xunit;

namespace QueueActors.Tests.Readme;

/// <summary>The actor and the test README.md shows ("Writing an actor", "Testing an actor"), kept compiling and passing here.</summary>
public sealed class ReadmeActorExampleTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Counts()
    {
        var counter = Sys.ActorOf(Props.Create<Counter>());
        counter.Tell(new Increment());
        counter.Tell(new GetCount());
        ExpectMsg(1);
    }

    [Fact]
    public async Task The_readme_system_answers_an_ask()
    {
        using var system = ActorSystem.Create("app");
        var counter = system.ActorOf(Props.Create<Counter>(), "counter");
        counter.Tell(new Increment());
        var n = await counter.Ask<int>(new GetCount(), TimeSpan.FromSeconds(3));
        Assert.Equal(1, n);
    }

    private sealed record Increment;

    private sealed record GetCount;

    private sealed class Counter : ReceiveActor
    {
        private int count;

        public Counter()
        {
            Receive<Increment>(_ => count++);
            Receive<GetCount>(_ => Sender.Tell(count));
        }
    }
}
