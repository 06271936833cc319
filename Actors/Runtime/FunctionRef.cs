namespace QueueActors.Actors.Runtime;

/// <summary>
/// A ref that is not an actor: a callback with a path, able to watch actors. Ask replies, graceful
/// stops and test probes are built on it. The callback may run on several threads at once.
/// </summary>
public sealed class FunctionRef : IInternalActorRef
{
    private readonly ActorSystem system;
    private readonly Action<object, IActorRef?> receive;
    private readonly HashSet<IInternalActorRef> watching = [];
    private volatile bool stopped;

    internal FunctionRef(ActorSystem system, ActorPath path, Action<object, IActorRef?> receive)
    {
        this.system = system;
        this.receive = receive;
        Path = path;
    }

    public ActorPath Path { get; }

    public bool IsTerminated => stopped;

    ActorSystem IInternalActorRef.System => system;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (stopped)
        {
            system.PublishDeadLetter(message, sender, this);
            return;
        }

        receive(message, sender);
    }

    /// <summary>Delivers <see cref="Terminated"/> to the callback once, when <paramref name="actor"/> stops.</summary>
    public void Watch(IActorRef actor)
    {
        var target = actor as IInternalActorRef ?? throw new ArgumentException($"{actor} is not a ref of this runtime", nameof(actor));
        lock (watching)
        {
            if (!watching.Add(target))
            {
                return;
            }
        }

        target.SendSystemMessage(new Watch(target, this));
    }

    public void Unwatch(IActorRef actor)
    {
        if (actor is not IInternalActorRef target)
        {
            return;
        }

        lock (watching)
        {
            if (!watching.Remove(target))
            {
                return;
            }
        }

        target.SendSystemMessage(new Unwatch(target, this));
    }

    /// <summary>Later messages become dead letters; watches are dropped.</summary>
    public void Stop()
    {
        stopped = true;
        IInternalActorRef[] targets;
        lock (watching)
        {
            targets = [.. watching];
            watching.Clear();
        }

        foreach (var target in targets)
        {
            target.SendSystemMessage(new Unwatch(target, this));
        }
    }

    void IInternalActorRef.SendSystemMessage(SystemMessage message)
    {
        if (message is not DeathWatchNotification { Actor: var dead } || stopped)
        {
            return;
        }

        lock (watching)
        {
            if (!watching.Remove(dead))
            {
                return;
            }
        }

        receive(new Terminated(dead), dead);
    }

    public override string ToString() => Path.ToString();
}
