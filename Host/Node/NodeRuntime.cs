using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Processing;
using Akka.Actor;

namespace QueueActors.Host.Node;

/// <summary>
/// What the node has started, for the control handlers (which DI builds before the node starts): set by
/// <see cref="NodeService"/> as each part comes up.
/// </summary>
public sealed class NodeRuntime
{
    /// <summary>The node's Akka.NET actor system (started by Akka.Hosting).</summary>
    public ActorSystem? System { get; internal set; }

    /// <summary>Queue processing, on a worker.</summary>
    public ProcessingService? Processing { get; internal set; }

    /// <summary>The way to the seed roles (site registry, dead-letter store), on a seed: a proxy to Akka's cluster singleton (<see cref="SeedSingleton"/>).</summary>
    public Akka.Actor.IActorRef? Seed { get; internal set; }

    /// <summary>The node's status page, once its HTTP listener serves it (a seed).</summary>
    public Uri? StatusPage { get; internal set; }

    /// <summary>The node's own client of the control channel (asks the seed, announces site changes).</summary>
    public ControlClient? Client { get; internal set; }
}
