using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class LifecycleTests : TestKitBase
{
    [Fact]
    public async Task An_async_receive_keeps_the_turn_so_messages_never_overlap()
    {
        var inside = 0;
        var maxInside = 0;
        var handled = 0;
        var actor = Sys.ActorOf(Props.Create(() => new AsyncDelegateActor(async _ =>
        {
            maxInside = Math.Max(maxInside, Interlocked.Increment(ref inside));
            await Task.Yield();
            await Task.Delay(1);
            Interlocked.Decrement(ref inside);
            handled++;
        })));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                actor.Tell(i);
            }
        })));

        await AwaitConditionAsync(() => Volatile.Read(ref handled) == 100, TimeSpan.FromSeconds(10));
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task PoisonPill_stops_the_actor_after_the_messages_sent_before_it()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        TestActor.Watch(echo);

        TestActor.Send(echo, 1);
        TestActor.Send(echo, PoisonPill.Instance);
        TestActor.Send(echo, 2);

        await TestActor.ExpectMsgAsync(1);
        await TestActor.ExpectTerminatedAsync(echo);
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Messages_to_a_stopped_actor_are_published_as_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Assert.True(await echo.GracefulStopAsync(TimeSpan.FromSeconds(3)));
        var deadLetters = SubscribeDeadLetters();

        echo.Tell("hello?");

        var dead = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("hello?", dead.Message);
        Assert.Equal(echo, dead.Recipient);
        await Logs.ExpectAsync(e => e.Message.Contains("String from no sender to qa://test/user/gone was not delivered"));
    }

    [Fact]
    public async Task Dead_letters_are_logged_at_a_rate_limit()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.True(await echo.GracefulStopAsync(TimeSpan.FromSeconds(3)));
        var deadLetters = SubscribeDeadLetters();

        for (var i = 0; i < 50; i++)
        {
            echo.Tell(i);
        }

        await deadLetters.ReceiveNAsync(50);
        Assert.Equal(Sys.Settings.DeadLetterLogLimit, Logs.Entries.Count(e => e.Message.StartsWith("Dead letter:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sibling_names_are_unique_and_a_duplicate_is_a_clear_error()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "twin");

        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "twin"));

        Assert.Contains("'twin' is not unique among the children of qa://test/user", error.Message);
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "a/b"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_name_is_free_again_once_its_actor_has_stopped()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "reused");
        Assert.True(await first.GracefulStopAsync(TimeSpan.FromSeconds(3)));

        var second = Sys.ActorOf(Props.Create<EchoActor>(), "reused");

        Assert.NotEqual(first, second);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal("again", await second.AskAsync<string>("again"));
    }

    [Fact]
    public async Task The_actor_token_is_cancelled_when_a_stop_is_asked_during_an_async_receive()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new TokenActor(started, TestActor.Ref)));
        TestActor.Watch(actor);
        actor.Tell("work");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(3));

        Sys.Stop(actor);

        await TestActor.ExpectMsgAsync("cancelled");
        await TestActor.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Actor_log_entries_carry_the_actor_path()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DelegateActor(_ => { })), "quiet");
        var logging = Sys.ActorOf(Props.Create(() => new LoggingActor()), "talker");

        logging.Tell("hi");

        var entry = await Logs.ExpectAsync(e => e.Message == "said hi");
        Assert.Equal("qa://test/user/talker", entry.ActorPath);
        GC.KeepAlive(actor);
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor()
    {
        Sys.ActorOf(Props.Create(() => new CountingActor(TestActor.Ref)), "one");
        Sys.ActorOf(Props.Create(() => new CountingActor(TestActor.Ref)), "two");
        await TestActor.ReceiveNAsync(2);

        await Sys.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    private sealed class TokenActor(TaskCompletionSource started, IActorRef reporter) : ActorBase
    {
        protected override async ValueTask ReceiveAsync(object message)
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, Context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                reporter.Tell("cancelled");
            }
        }
    }

    private sealed class LoggingActor : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(Context.Log, "said {Word}", message);
            return ValueTask.CompletedTask;
        }
    }
}
