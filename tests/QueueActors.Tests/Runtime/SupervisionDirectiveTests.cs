using Microsoft.Extensions.Logging;
using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class SupervisionDirectiveTests : TestKitBase
{
    /// <summary>Starts /user/parent with one child, "child"; returns a way to tell the child through the parent.</summary>
    private Action<object> StartChildUnder(Func<Exception, Directive> decider, out IActorRef parent)
    {
        var childProps = Props.Create(() => new CountingActor(TestActor.Ref));
        var started = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, decider), ("child", childProps))), "parent");
        parent = started;
        return message => started.Tell(("child", message), TestActor.Ref);
    }

    [Fact]
    public async Task Resume_keeps_the_state_and_drops_the_failed_message()
    {
        var child = StartChildUnder(_ => Directive.Resume, out _);
        await TestActor.ExpectMsgAsync("PreStart child");

        child("a");
        child("fail");
        child("b");
        child("count?");

        Assert.Equal(2, await TestActor.ExpectMsgAsync<int>());
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Restart_resets_the_state_and_runs_the_hooks_in_order()
    {
        var child = StartChildUnder(_ => Directive.Restart, out _);
        await TestActor.ExpectMsgAsync("PreStart child");

        child("a");
        child("fail");
        child("count?");

        await TestActor.ExpectMsgAsync("PreRestart child fail");
        await TestActor.ExpectMsgAsync("PostStop child");
        await TestActor.ExpectMsgAsync("PostRestart child");
        await TestActor.ExpectMsgAsync("PreStart child");
        Assert.Equal(0, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task Stop_stops_the_failed_child_and_logs_the_failure()
    {
        var child = StartChildUnder(_ => Directive.Stop, out var parent);
        await TestActor.ExpectMsgAsync("PreStart child");
        var probe = CreateProbe();

        child("fail");

        await TestActor.ExpectMsgAsync("PostStop child");
        await AwaitConditionAsync(() => Logs.Entries.Any(e => e.Message.Contains("/user/parent/child failed; supervisor directive Stop")));
        probe.Send(parent, ("child", "count?"));
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Escalate_fails_the_parent_which_its_own_supervisor_restarts()
    {
        var child = StartChildUnder(_ => Directive.Escalate, out _);
        await TestActor.ExpectMsgAsync("PreStart child");

        child("a");
        child("fail");

        // The parent restarts (default strategy of /user); its default PreRestart stops the child,
        // and the new parent instance starts a fresh child.
        await TestActor.ExpectMsgAsync("PostStop child");
        await TestActor.ExpectMsgAsync("PreStart child");
        child("count?");
        Assert.Equal(0, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task A_resumed_supervisor_resumes_the_child_whose_failure_it_escalated()
    {
        var grandparent = Sys.ActorOf(Props.Create(() => new ParentActor(
            new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Resume),
            ("parent", Props.Create(() => new ParentActor(
                new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Escalate),
                ("child", Props.Create(() => new CountingActor(TestActor.Ref)))))))));
        await TestActor.ExpectMsgAsync("PreStart child");

        grandparent.Tell(("parent", ("child", "a")));
        grandparent.Tell(("parent", ("child", "fail")));
        grandparent.Tell(("parent", ("child", "count?")), TestActor.Ref);

        Assert.Equal(1, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task The_decider_picks_the_directive_by_exception_type()
    {
        var child = StartChildUnder(e => e is ArgumentException ? Directive.Stop : Directive.Resume, out _);
        await TestActor.ExpectMsgAsync("PreStart child");

        child("fail");
        child("count?");
        Assert.Equal(0, await TestActor.ExpectMsgAsync<int>());

        child("fail-hard");
        await TestActor.ExpectMsgAsync("PostStop child");
    }

    [Fact]
    public async Task An_actor_that_fails_to_start_is_stopped_by_default()
    {
        var watcher = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new FailingConstructorActor()));
        watcher.Watch(actor);

        await watcher.ExpectTerminatedAsync(actor);
        await AwaitConditionAsync(() => Logs.Entries.Any(e => e.Exception is ActorInitializationException));
    }

    [Fact]
    public async Task Kill_fails_the_actor_and_the_default_decider_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(TestActor.Ref)), "killed");
        await TestActor.ExpectMsgAsync("PreStart killed");

        actor.Tell(Kill.Instance);

        await TestActor.ExpectMsgAsync("PostStop killed");
    }

    [Fact]
    public async Task A_failure_escalated_to_the_root_stops_the_system_with_a_logged_reason()
    {
        var escalateAll = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Escalate);
        var logs = new LogCapture();
        using var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs));
        var system = ActorSystem.Create("escalation", TestKitDefaults.ActorSystemSettings with { GuardianStrategy = escalateAll }, loggerFactory);
        var parent = system.ActorOf(Props.Create(() => new ParentActor(escalateAll, ("child", Props.Create(() => new CountingActor(TestActor.Ref))))), "parent");
        await TestActor.ExpectMsgAsync("PreStart child");

        parent.Tell(("child", "fail"));

        await system.WhenTerminated.WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(5)));
        var critical = Assert.Single(logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Critical));
        Assert.Contains("stopping actor system escalation", critical.Message);
        Assert.Equal("asked to fail", critical.Exception?.Message);
    }

    private sealed class FailingConstructorActor : ActorBase
    {
        public FailingConstructorActor() => throw new InvalidOperationException("cannot start");

        protected override ValueTask ReceiveAsync(object message) => ValueTask.CompletedTask;
    }
}
