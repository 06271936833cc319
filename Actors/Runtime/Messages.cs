namespace QueueActors.Actors.Runtime;

/// <summary>Stops the actor when it reaches the head of the mailbox, after the messages sent before it.</summary>
public sealed record PoisonPill
{
    public static PoisonPill Instance { get; } = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; the default decider stops it.</summary>
public sealed record Kill
{
    public static Kill Instance { get; } = new();

    private Kill()
    {
    }
}

/// <summary>Sent once to each watcher when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>A message that reached no actor: its recipient had stopped, or it was sent to dead letters.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message an actor's receive did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>Replies that carry an outcome rather than a value; <c>Ask</c> turns a failure into an exception.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}
