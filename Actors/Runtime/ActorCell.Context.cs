using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Runtime;

/// <summary>The parts of the context that keep per-incarnation state: behaviours, stash, timers, token, log.</summary>
internal sealed partial class ActorCell : IStash
{
    public CancellationToken CancellationToken => Extras.LifetimeToken;

    public ITimerScheduler Timers => Extras.Timers ??= new TimerScheduler(this, system.TimeProvider);

    public IStash Stash => this;

    public ILogger Log => Extras.Log ??= new ActorLogger(system.LoggerFactory.CreateLogger(actor?.GetType().FullName ?? "QueueActors.Actor"), this);

    int IStash.Count => extras?.Stash?.Count ?? 0;

    public void Become(Func<object, ValueTask> receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var behaviors = Extras.Behaviors ??= [];
        if (discardOld && behaviors.Count > 0)
        {
            behaviors[^1] = receive;
        }
        else
        {
            behaviors.Add(receive);
        }
    }

    public void Unbecome()
    {
        var behaviors = extras?.Behaviors;
        if (behaviors is { Count: > 0 })
        {
            behaviors.RemoveAt(behaviors.Count - 1);
        }
    }

    void IStash.Stash()
    {
        if (mailbox.Current.Message is null)
        {
            throw new InvalidOperationException("Stash() is only valid while handling a message");
        }

        (Extras.Stash ??= []).Add(mailbox.Current);
    }

    void IStash.UnstashAll()
    {
        var stash = extras?.Stash;
        if (stash is not { Count: > 0 })
        {
            return;
        }

        var extra = Extras;
        var unstashed = new Queue<Envelope>(stash.Count + (extra.Unstashed?.Count ?? 0));
        foreach (var envelope in stash)
        {
            unstashed.Enqueue(envelope);
        }

        while (extra.Unstashed is { Count: > 0 } older)
        {
            unstashed.Enqueue(older.Dequeue());
        }

        extra.Unstashed = unstashed;
        stash.Clear();
    }
}
