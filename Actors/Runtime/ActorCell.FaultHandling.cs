namespace QueueActors.Actors.Runtime;

/// <summary>
/// Failure, child side: the actor is suspended and its parent is told. Supervisor side: the strategy's
/// decider picks a directive; restarts count against the child's window, and a child past the window
/// is stopped. Escalate fails the supervisor itself; at the root it stops the system.
/// </summary>
internal sealed partial class ActorCell
{
    private void HandleInvokeFailure(Exception cause)
    {
        if (lifecycle != Running)
        {
            KernelLog.FailedWhileStopping(system.KernelLogger, cause, Path.ToString());
            return;
        }

        suspended = true;
        Extras.FailedMessage = mailbox.Current.Message;
        if (parent is null)
        {
            system.OnEscalatedToRoot(cause);
        }
        else
        {
            parent.SendSystemMessage(new Failed(this, cause));
        }
    }

    private void HandleFailed(Failed failed)
    {
        var child = failed.Child;
        if (lifecycle != Running || child.parent != this || child.IsTerminated)
        {
            return;
        }

        var strategy = actor?.InvokeSupervisorStrategy() ?? props.SupervisorStrategy ?? system.DefaultStrategy;
        Directive directive;
        try
        {
            directive = strategy.Decider(failed.Cause);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            KernelLog.HookFailed(system.KernelLogger, exception, Path.ToString(), "SupervisorStrategy.Decider");
            directive = Directive.Escalate;
        }

        var childPath = child.Path.ToString();
        KernelLog.ChildFailed(system.KernelLogger, failed.Cause, childPath, directive);
        var targets = strategy.AppliesToAllChildren ? ChildCells() : [child];
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(Resume.Instance);
                break;
            case Directive.Restart when RestartStatsOf(child).RequestRestartPermission(strategy, system.TimeProvider):
                foreach (var target in targets)
                {
                    target.RequestRestart(failed.Cause);
                }

                break;
            case Directive.Restart:
                KernelLog.RestartWindowExhausted(system.KernelLogger, failed.Cause, childPath, strategy.MaxNrOfRetries, strategy.WithinTimeRange);
                StopChildren(targets);
                break;
            case Directive.Stop:
                StopChildren(targets);
                break;
            case Directive.Escalate:
                // The child stays suspended: a restart of this actor stops it, a resume resumes it too.
                Extras.EscalatedChild = child;
                HandleInvokeFailure(failed.Cause);
                break;
        }
    }

    private RestartStatistics RestartStatsOf(ActorCell child)
    {
        var stats = Extras.RestartStats ??= [];
        if (!stats.TryGetValue(child, out var childStats))
        {
            childStats = new RestartStatistics();
            stats[child] = childStats;
        }

        return childStats;
    }

    private void StopChildren(IEnumerable<ActorCell> targets)
    {
        foreach (var target in targets)
        {
            StopChild(target);
        }
    }
}
