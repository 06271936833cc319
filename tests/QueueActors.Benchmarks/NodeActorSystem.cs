using Akka.Actor;

namespace QueueActors.Benchmarks;

/// <summary>An Akka.NET actor system set up as a node's processing gets it (Akka's defaults; its log at warnings only).</summary>
internal static class NodeActorSystem
{
    public static ActorSystem Create(string name) => ActorSystem.Create(name, "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
}
