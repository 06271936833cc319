namespace QueueActors.Actors.Processing.Supervision;

/// <summary>The queue supervisor subscribes (sent to itself at start and after a restart).</summary>
internal sealed record Subscribe
{
    public static Subscribe Instance { get; } = new();
}

/// <summary>A delivery from the subscription of generation <paramref name="Generation"/> (older ones are ignored).</summary>
internal sealed record Deliver(Transport.Delivery Delivery, int Generation);

/// <summary>Work for a handler actor: one delivery, or a batch. A trial (circuit half-open) does not count a failure as an attempt.</summary>
internal sealed record Work(IReadOnlyList<Transport.Delivery> Deliveries, bool Trial);

/// <summary>A handler actor started (or restarted) and takes work.</summary>
internal sealed record HandlerReady
{
    public static HandlerReady Instance { get; } = new();
}

/// <summary>A handler actor finished its work; after a failure it restarts and says <see cref="HandlerReady"/> again.</summary>
internal sealed record WorkDone(bool Succeeded, bool Trial)
{
    private static readonly WorkDone[] Instances = [new(false, false), new(false, true), new(true, false), new(true, true)];

    /// <summary>The one instance of each outcome: told once per event, so none is allocated.</summary>
    public static WorkDone Of(bool succeeded, bool trial) => Instances[(succeeded ? 2 : 0) + (trial ? 1 : 0)];
}

/// <summary>To a handler actor from itself: its turn failed after an await (the mailbox was not suspended), so it fails now.</summary>
internal sealed record TurnFailed(Exception Error);

/// <summary>To a queue supervisor from itself: release its stopped (paused) subscription if nothing is in flight any more.</summary>
internal sealed record ReleasePaused
{
    public static ReleasePaused Instance { get; } = new();
}

/// <summary>The circuit's pause is over: try one event.</summary>
internal sealed record TryOneEvent
{
    public static TryOneEvent Instance { get; } = new();
}

/// <summary>Stop taking events, hand back the ones not started, reply <see cref="Drained"/> when none is in flight.</summary>
internal sealed record Drain
{
    public static Drain Instance { get; } = new();
}

/// <summary>A queue supervisor has no event in flight and no subscription any more.</summary>
internal sealed record Drained
{
    public static Drained Instance { get; } = new();
}

/// <summary>A handler ignored its cancellation at the timeout: its <paramref name="Events"/> were settled, but its code still runs.</summary>
internal sealed record HandlerAbandoned(int Events);

/// <summary>An abandoned handler's code really ended; its slot of the queue's concurrency is free again.</summary>
internal sealed record AbandonedHandlerEnded(int Events);
