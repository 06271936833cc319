using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Runtime;

/// <summary>What an actor may do during its turn. Not thread-safe: use it only from the actor's own receive and hooks.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Cancelled when the actor is asked to stop or restart; pass it to work the receive awaits.</summary>
    CancellationToken CancellationToken { get; }

    ITimerScheduler Timers { get; }

    IStash Stash { get; }

    /// <summary>A logger whose entries carry this actor's path as a scope.</summary>
    ILogger Log { get; }

    IActorRef? Child(string name);

    /// <summary>Starts a child; names are unique among siblings and may not start with '$'.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops this actor or one of its children, after the message being handled.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="actor"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef actor);

    IActorRef Unwatch(IActorRef actor);

    /// <summary>Replaces the receive until <see cref="Unbecome"/> or a restart.</summary>
    void Become(Func<object, ValueTask> receive, bool discardOld = true);

    void Unbecome();
}
