namespace QueueActors.Actors.Runtime;

/// <summary>
/// A handle to an actor: the only way to reach it. Refs are compared by identity: an actor stopped
/// and started again under the same path is a different actor with a different ref.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor sits in its system's hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once. Messages from one sender to one receiver
    /// arrive in the order they were sent; a message to a stopped actor becomes a dead letter.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
