namespace QueueActors.Actors.Runtime;

/// <summary>
/// Death watch: the watcher records whom it watches, the watchee records its watchers. When the
/// watchee ends it notifies each watcher once; the watcher turns the notification into one
/// <see cref="Terminated"/> message only if it still watches, so Unwatch wins over a late notice.
/// </summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef actor)
    {
        var target = AsInternal(actor);
        if (target != this && (Extras.Watching ??= []).Add(target))
        {
            target.SendSystemMessage(new Watch(target, this));
        }

        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        var target = AsInternal(actor);
        if (extras?.Watching?.Remove(target) == true)
        {
            target.SendSystemMessage(new Unwatch(target, this));
        }

        extras?.TerminatedQueued?.Remove(target);
        return actor;
    }

    private void HandleWatch(Watch watch)
    {
        if (watch.Watchee == this && watch.Watcher != this)
        {
            (Extras.WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void HandleDeathWatchNotification(IInternalActorRef dead)
    {
        if (extras?.Watching?.Remove(dead) == true && lifecycle == Running)
        {
            (Extras.TerminatedQueued ??= []).Add(dead);
            mailbox.EnqueueUser(new Envelope(new Terminated(dead), dead));
        }

        if (dead is ActorCell child && child.parent == this)
        {
            RemoveChild(child);
            extras?.StoppingChildren?.Remove(child);
            extras?.RestartStats?.Remove(child);
            OnChildGone();
        }
    }

    /// <summary>True when the Terminated was queued by death watch and not unwatched since.</summary>
    private bool AcceptTerminated(Terminated terminated) =>
        terminated.ActorRef is IInternalActorRef dead && extras?.TerminatedQueued?.Remove(dead) == true;

    private void TellWatchersAndForget()
    {
        if (extras is not { } extra)
        {
            return;
        }

        if (extra.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                if (watcher != parent)
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(this));
                }
            }

            watchers.Clear();
        }

        if (extra.Watching is { } watching)
        {
            foreach (var watchee in watching)
            {
                watchee.SendSystemMessage(new Unwatch(watchee, this));
            }

            watching.Clear();
        }
    }

    private static IInternalActorRef AsInternal(IActorRef actor) => actor as IInternalActorRef
        ?? throw new ArgumentException($"{actor} is not a ref of this runtime", nameof(actor));
}
