namespace QueueActors.Actors.Runtime;

/// <summary>The root: a guardian failure escalated to it stops the whole system (see ActorSystem.OnEscalatedToRoot).</summary>
internal sealed class RootGuardianActor : ActorBase
{
    private static readonly OneForOneStrategy EscalateEverything = new(-1, Timeout.InfiniteTimeSpan, _ => Directive.Escalate);

    protected override ValueTask ReceiveAsync(object message) => Unhandled(message);

    protected override SupervisorStrategy SupervisorStrategy() => EscalateEverything;
}
