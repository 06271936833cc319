namespace QueueActors.Actors.Runtime;

/// <summary>What the kernel needs of a ref beyond <see cref="IActorRef"/>: system messages and liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem System { get; }

    bool IsTerminated { get; }

    void SendSystemMessage(SystemMessage message);
}
