using Akka.Actor;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>One test node: its services (view included) and its two actors.</summary>
public sealed record TestNode(ClusterNodeServices Services, IActorRef Members, IActorRef Control)
{
    public string Name => Services.Node;
}
