namespace QueueActors.Actors.Runtime;

/// <summary>Hands one message to the actor: kernel messages first, then the current behaviour.</summary>
internal sealed partial class ActorCell
{
    /// <summary>The cell whose actor is being constructed on this thread, so that ActorBase can bind to it.</summary>
    [ThreadStatic]
    internal static ActorCell? Constructing;

    private ValueTask Invoke(Envelope envelope)
    {
        mailbox.Current = envelope;
        try
        {
            switch (envelope.Message)
            {
                case PoisonPill:
                    RequestStop();
                    return ValueTask.CompletedTask;
                case Kill:
                    throw new ActorKilledException(Path.ToString());
                case TimerMessage timer:
                    if (extras?.Timers?.Accept(timer) != true)
                    {
                        return ValueTask.CompletedTask;
                    }

                    mailbox.Current = new Envelope(timer.Message, null);
                    return Receive(timer.Message);
                case Terminated terminated when !AcceptTerminated(terminated):
                    return ValueTask.CompletedTask;
                default:
                    return Receive(envelope.Message);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            HandleInvokeFailure(exception);
            return ValueTask.CompletedTask;
        }
    }

    private ValueTask Receive(object message)
    {
        var behaviors = extras?.Behaviors;
        if (behaviors is { Count: > 0 })
        {
            return behaviors[^1](message);
        }

        return actor!.InvokeReceiveAsync(message);
    }

    internal void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        system.EventStream.Publish(new UnhandledMessage(message, mailbox.Current.Sender, this));
        KernelLog.Unhandled(system.KernelLogger, Path.ToString(), message.GetType().Name);
    }

    private ActorBase NewActor()
    {
        var previous = Constructing;
        Constructing = this;
        try
        {
            return props.Factory();
        }
        finally
        {
            Constructing = previous;
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                HandleCreate();
                break;
            case Terminate:
                HandleTerminate();
                break;
            case Resume:
                HandleResume();
                break;
            case Recreate recreate:
                HandleRecreate(recreate.Cause);
                break;
            case Failed failed:
                HandleFailed(failed);
                break;
            case Watch watch:
                HandleWatch(watch);
                break;
            case Unwatch unwatch:
                extras?.WatchedBy?.Remove(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification.Actor);
                break;
        }
    }

    private void HandleSystemMessageWhenStopped(SystemMessage message)
    {
        if (message is Watch watch && watch.Watchee == this)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}
