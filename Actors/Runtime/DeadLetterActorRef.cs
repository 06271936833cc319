namespace QueueActors.Actors.Runtime;

/// <summary>The dead-letter sink: what is told to it is published and logged as a dead letter.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public ActorSystem System => system;

    public void Tell(object message, IActorRef? sender = null) => system.PublishDeadLetter(message, sender, this);

    public void SendSystemMessage(SystemMessage message)
    {
        // Watching dead letters never ends; other signals have no meaning here.
    }

    public override string ToString() => Path.ToString();
}
