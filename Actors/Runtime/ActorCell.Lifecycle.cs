namespace QueueActors.Actors.Runtime;

/// <summary>
/// Create, restart and stop. A restart waits for the children its PreRestart stopped, and a stop waits
/// for every child, so a name is free again and PostStop runs last when the whole subtree has ended.
/// </summary>
internal sealed partial class ActorCell
{
    private void HandleCreate()
    {
        if (lifecycle != Running || actor is not null)
        {
            return;
        }

        try
        {
            actor = NewActor();
            actor.InvokePreStart();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            HandleInvokeFailure(new ActorInitializationException(Path.ToString(), exception));
        }
    }

    private void HandleResume()
    {
        if (actor is null)
        {
            // Nothing to resume after a failed construction: start afresh instead.
            HandleRecreate(new InvalidOperationException("resumed an actor that never started"));
            return;
        }

        suspended = false;
        if (extras?.EscalatedChild is { } child)
        {
            extras.EscalatedChild = null;
            child.SendSystemMessage(Resume.Instance);
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if (lifecycle != Running)
        {
            return;
        }

        var failed = actor;
        var failedMessage = extras?.FailedMessage;
        if (failed is not null)
        {
            RunHook(() => failed.InvokePreRestart(cause, failedMessage), "PreRestart");
        }

        actor = null;
        ResetIncarnation();
        if (extras?.StoppingChildren is { Count: > 0 })
        {
            Extras.PendingRestart = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var extra = Extras;
        extra.PendingRestart = null;
        extra.FailedMessage = null;
        extra.EscalatedChild = null;
        try
        {
            actor = NewActor();
            actor.InvokePostRestart(cause);
            suspended = false;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            HandleInvokeFailure(new ActorInitializationException(Path.ToString(), exception));
        }
    }

    /// <summary>What an incarnation owned and the next one must not inherit.</summary>
    private void ResetIncarnation()
    {
        var extra = Extras;
        extra.Timers?.CancelAll();
        extra.Behaviors?.Clear();
        extra.RenewLifetime();
        ((IStash)this).UnstashAll();
    }

    private void HandleTerminate()
    {
        if (lifecycle != Running)
        {
            return;
        }

        lifecycle = Stopping;
        extras?.CancelLifetime();
        extras?.Timers?.CancelAll();
        foreach (var child in ChildCells())
        {
            child.RequestStop();
        }

        if (ChildCount == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var stopping = actor;
        if (stopping is not null)
        {
            RunHook(stopping.InvokePostStop, "PostStop");
        }

        actor = null;
        lifecycle = Stopped;
        // Free the name before anyone hears of the end, so a watcher may start a successor at once.
        parent?.RemoveChild(this);
        parent?.SendSystemMessage(new DeathWatchNotification(this));
        TellWatchersAndForget();
        ((IStash)this).UnstashAll(); // back in the mailbox, which a stopped cell drains to dead letters
        if (parent is null)
        {
            system.OnRootStopped();
        }
    }

    /// <summary>A child left; a stop or a restart that waited for it may now finish.</summary>
    private void OnChildGone()
    {
        if (lifecycle == Stopping && ChildCount == 0)
        {
            FinishTerminate();
        }
        else if (lifecycle == Running && extras is { PendingRestart: { } cause, StoppingChildren.Count: 0 })
        {
            FinishRecreate(cause);
        }
    }

    private void RunHook(Action hook, string hookName)
    {
        try
        {
            hook();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            KernelLog.HookFailed(system.KernelLogger, exception, Path.ToString(), hookName);
        }
    }
}
