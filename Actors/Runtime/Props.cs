namespace QueueActors.Actors.Runtime;

/// <summary>
/// How to make an actor: a factory called at start and again at every restart (fresh state), plus
/// the strategy that supervises the actor's own children when the actor does not override it.
/// </summary>
public sealed record Props(Func<ActorBase> Factory)
{
    /// <summary>Supervises this actor's children; null means the actor's own or the system default.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    public static Props Create<TActor>() where TActor : ActorBase, new() => new(static () => new TActor());

    public static Props Create(Func<ActorBase> factory) => new(factory);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => this with { SupervisorStrategy = strategy };
}
