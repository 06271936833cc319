using Akka.Actor;

namespace QueueActors.Actors.Cluster.Singleton;

/// <summary>Whether this node runs the singleton now; the reply to <see cref="GetSingletonState"/>.</summary>
public sealed record SingletonState(bool Active, IActorRef? Singleton);
