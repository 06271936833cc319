namespace QueueActors.Actors.Runtime;

/// <summary>An actor's rarely used state, kept out of <see cref="ActorCell"/> until first needed.</summary>
internal sealed class CellExtras
{
    private CancellationTokenSource? lifetime;
    private int lifetimeCancelled;

    public List<Func<object, ValueTask>>? Behaviors;
    public List<Envelope>? Stash;
    public Queue<Envelope>? Unstashed;
    public TimerScheduler? Timers;
    public HashSet<IInternalActorRef>? Watching;
    public HashSet<IInternalActorRef>? WatchedBy;
    public HashSet<IInternalActorRef>? TerminatedQueued;
    public Dictionary<ActorCell, RestartStatistics>? RestartStats;
    public HashSet<ActorCell>? StoppingChildren;
    public object? FailedMessage;
    public Exception? PendingRestart;
    public ActorCell? EscalatedChild;
    public Microsoft.Extensions.Logging.ILogger? Log;

    /// <summary>Cancelled when a stop or restart is asked for; a fresh one after a restart.</summary>
    public CancellationToken LifetimeToken
    {
        get
        {
            if (lifetime is null)
            {
                var created = new CancellationTokenSource();
                if (Interlocked.CompareExchange(ref lifetime, created, null) is not null)
                {
                    created.Dispose();
                }
                else if (Volatile.Read(ref lifetimeCancelled) == 1)
                {
                    created.Cancel();
                }
            }

            return lifetime!.Token;
        }
    }

    /// <summary>Thread-safe: a stop request from another thread cancels the token at once.</summary>
    public void CancelLifetime()
    {
        // A full fence between the flag and the read pairs with the CAS in LifetimeToken: either this
        // sees the new source or the getter sees the flag.
        Interlocked.Exchange(ref lifetimeCancelled, 1);
        Volatile.Read(ref lifetime)?.Cancel();
    }

    /// <summary>On the actor's own turn after a restart: the new incarnation gets a new token.</summary>
    public void RenewLifetime()
    {
        var old = Interlocked.Exchange(ref lifetime, null);
        Volatile.Write(ref lifetimeCancelled, 0);
        old?.Dispose();
    }
}
