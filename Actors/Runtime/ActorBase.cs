namespace QueueActors.Actors.Runtime;

/// <summary>
/// An actor: state that only its own receive touches, one message at a time. A receive that awaits
/// keeps the actor's turn until it completes, so state stays private across awaits too.
/// <code>
/// protected override ValueTask ReceiveAsync(object message) => message switch
/// {
///     Deliver d => HandleAsync(d),
///     _ => Unhandled(message),
/// };
/// </code>
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell cell;

    protected ActorBase()
    {
        cell = ActorCell.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} was created with 'new'; actors are created through ActorOf(Props)");
    }

    /// <summary>The actor's view of the system: children, watch, timers, stash, logging.</summary>
    protected IActorContext Context => cell;

    protected IActorRef Self => cell;

    /// <summary>The sender of the message being handled (dead letters when it had none).</summary>
    protected IActorRef Sender => cell.Sender;

    /// <summary>Handles one message. Return <see cref="Unhandled"/> for what this actor does not understand.</summary>
    protected abstract ValueTask ReceiveAsync(object message);

    /// <summary>Called before the first message, on start and (through PostRestart) after a restart.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called once the actor and all its children have stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before it is replaced: by default stops its children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart: by default PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; null takes the Props' or the system default.</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    /// <summary>Publishes the message as <see cref="UnhandledMessage"/>; an unhandled <see cref="Terminated"/> fails the actor.</summary>
    protected ValueTask Unhandled(object message)
    {
        cell.Unhandled(message);
        return ValueTask.CompletedTask;
    }

    // The kernel's way in: the hooks stay protected for subclasses in any assembly.
    internal ValueTask InvokeReceiveAsync(object message) => ReceiveAsync(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy? InvokeSupervisorStrategy() => SupervisorStrategy();

    /// <summary>Replies to <see cref="Sender"/> with this actor as the sender.</summary>
    protected void Reply(object message) => Sender.Tell(message, Self);
}
