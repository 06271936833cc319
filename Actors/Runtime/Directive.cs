namespace QueueActors.Actors.Runtime;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the message that failed.</summary>
    Resume,

    /// <summary>Replace the actor with a fresh instance (PreRestart, new instance, PostRestart).</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception and let its own supervisor decide.</summary>
    Escalate,
}
