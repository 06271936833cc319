namespace QueueActors.Actors.Runtime;

/// <summary>
/// Keeps one child alive with growing pauses between restarts, so a child that fails on every start
/// (a broker that is down, a poisoned resource) does not spin:
/// 1. the child starts, and a reset timer runs; if the child lives past ResetAfter, the count resets;
/// 2. when the child ends (failure, or any stop in OnStop mode) a timer restarts it after the backoff;
/// 3. messages to the supervisor are forwarded to the child, or become dead letters while it is down.
/// Ask it <see cref="GetCurrentChild"/> to reach the child itself.
/// </summary>
public sealed class BackoffSupervisor : ActorBase
{
    private readonly BackoffOptions options;
    private IActorRef? child;
    private int restartCount;
    private bool childFailed;

    private BackoffSupervisor(BackoffOptions options)
    {
        this.options = options;
    }

    public static Props Props(BackoffOptions options) => Runtime.Props.Create(() => new BackoffSupervisor(options));

    protected override void PreStart() => StartChild();

    protected override SupervisorStrategy SupervisorStrategy() => options.Mode == BackoffMode.OnFailure
        ? new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ =>
        {
            childFailed = true;
            return Directive.Stop;
        })
        : Context.System.DefaultStrategy;

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Terminated terminated when terminated.ActorRef.Equals(child):
                OnChildEnded();
                break;
            case StartChildMessage:
                StartChild();
                break;
            case ResetBackoffMessage:
                restartCount = 0;
                break;
            case GetCurrentChild:
                Reply(new CurrentChild(child));
                break;
            default:
                (child ?? Context.System.DeadLetters).Tell(message, Sender);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void StartChild()
    {
        child = Context.Watch(Context.ActorOf(options.ChildProps, options.ChildName));
        Context.Timers.StartSingleTimer(ResetBackoffMessage.Instance, ResetBackoffMessage.Instance, options.ResetAfter ?? options.MinBackoff);
    }

    private void OnChildEnded()
    {
        child = null;
        Context.Timers.Cancel(ResetBackoffMessage.Instance);
        if (options.Mode == BackoffMode.OnFailure && !childFailed)
        {
            Context.Stop(Self);
            return;
        }

        childFailed = false;
        var delay = options.DelayFor(restartCount++, Random.Shared.NextDouble());
        Context.Timers.StartSingleTimer(StartChildMessage.Instance, StartChildMessage.Instance, delay);
    }

    /// <summary>Asks the supervisor for its child; the reply is <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild
    {
        public static GetCurrentChild Instance { get; } = new();
    }

    public sealed record CurrentChild(IActorRef? Ref);

    private sealed record StartChildMessage
    {
        public static StartChildMessage Instance { get; } = new();
    }

    private sealed record ResetBackoffMessage
    {
        public static ResetBackoffMessage Instance { get; } = new();
    }
}
