namespace QueueActors.Actors.Runtime;

/// <summary>Lifecycle signals: they travel in their own queue and are handled before any user message.</summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage
{
    public static Create Instance { get; } = new();
}

internal sealed record Terminate : SystemMessage
{
    public static Terminate Instance { get; } = new();
}

internal sealed record Resume : SystemMessage
{
    public static Resume Instance { get; } = new();
}

internal sealed record Recreate(Exception Cause) : SystemMessage;

internal sealed record Failed(ActorCell Child, Exception Cause) : SystemMessage;

internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>An actor has stopped: goes to its parent and to every watcher.</summary>
internal sealed record DeathWatchNotification(IInternalActorRef Actor) : SystemMessage;
