namespace QueueActors.Actors.Runtime;

/// <summary>
/// One actor's runtime: it is at once the actor's ref, its context and its mailbox, so an idle
/// actor costs one object plus two queue stubs. Its story, by file:
/// 1. ActorCell.Mailbox: Tell enqueues and schedules the cell on the thread pool; a turn runs system
///    messages first, then up to <c>throughput</c> user messages, one at a time.
/// 2. ActorCell.Invoke: a user message reaches the current behaviour; an async receive keeps the turn.
/// 3. ActorCell.FaultHandling: an exception suspends the actor and tells its parent, whose strategy
///    answers Resume, Restart, Stop or Escalate.
/// 4. ActorCell.Lifecycle: create, restart and stop; a stopping actor waits for its children first.
/// 5. ActorCell.DeathWatch and ActorCell.Children: who is told of whose end, and the child registry.
/// </summary>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext
{
    private const int Running = 0;
    private const int Stopping = 1;
    private const int Stopped = 2;

    private readonly ActorSystem system;
    private readonly ActorCell? parent;
    private readonly string name;
    private readonly Props props;
    private ActorPath? path;
    private ActorBase? actor;
    private volatile int lifecycle;
    private CellExtras? extras;

    internal ActorCell(ActorSystem system, ActorCell? parent, string name, Props props)
    {
        this.system = system;
        this.parent = parent;
        this.name = name;
        this.props = props;
    }

    public ActorPath Path => path ??= parent is null ? ActorPath.Root(system.Name) : parent.Path.Child(name);

    public bool IsTerminated => lifecycle == Stopped;

    public IActorRef Self => this;

    public IActorRef Sender => mailbox.Current.Sender ?? system.DeadLetters;

    public IActorRef Parent => (IActorRef?)parent ?? this;

    public ActorSystem System => system;

    internal string Name => name;

    internal ActorBase? Actor => actor;

    /// <summary>Rarely used state, allocated on first use so that idle actors stay small.</summary>
    private CellExtras Extras
    {
        get
        {
            // Created atomically: RequestStop may come from another thread while the actor itself creates it.
            return extras ?? Interlocked.CompareExchange(ref extras, new CellExtras(), null) ?? extras!;
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (lifecycle == Stopped)
        {
            system.PublishDeadLetter(message, sender, this);
            return;
        }

        mailbox.EnqueueUser(new Envelope(message, sender));
        TrySchedule();
    }

    public void SendSystemMessage(SystemMessage message)
    {
        mailbox.EnqueueSystem(message);
        TrySchedule();
    }

    /// <summary>Asks the actor to restart after the message in hand; its token is cancelled now.</summary>
    internal void RequestRestart(Exception cause)
    {
        Extras.CancelLifetime();
        SendSystemMessage(new Recreate(cause));
    }

    /// <summary>Asks the actor to stop: cancels its token now, stops it after the message in hand.</summary>
    internal void RequestStop()
    {
        Extras.CancelLifetime();
        SendSystemMessage(Terminate.Instance);
    }

    public override string ToString() => Path.ToString();
}
