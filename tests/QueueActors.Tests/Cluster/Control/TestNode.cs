using Akka.Actor;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>One test node: its services, its actor system and its control actor.</summary>
public sealed record TestNode(ClusterNodeServices Services, ActorSystem System, IActorRef Control)
{
    public string Name => Services.Node;
}
