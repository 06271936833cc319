namespace QueueActors.Actors.Runtime;

/// <summary>Thrown by an actor's constructor, PreStart or PostRestart; the default decider stops the actor.</summary>
public sealed class ActorInitializationException(string actorPath, Exception inner)
    : Exception($"Actor {actorPath} failed to initialize: {inner.Message}", inner)
{
    public string ActorPath { get; } = actorPath;
}

/// <summary>The failure a <see cref="Kill"/> message causes.</summary>
public sealed class ActorKilledException(string actorPath) : Exception($"Actor {actorPath} was killed");

/// <summary>An actor received <see cref="Terminated"/> for a watched actor and did not handle it.</summary>
public sealed class DeathPactException(IActorRef dead) : Exception($"Watched actor {dead.Path} terminated and the watcher did not handle it")
{
    public IActorRef DeadActor { get; } = dead;
}

/// <summary>A child name that is malformed or already taken among its siblings.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);

/// <summary>An <c>Ask</c> got no reply in time.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
