namespace QueueActors.Actors.Runtime;

/// <summary>
/// What the kernel needs to know at start. The kernel depends on nothing else in the project, so it
/// does not read HOCON itself: <c>Config</c> binds <c>queueactors.actor</c> (hocon/reference.conf, the
/// one place that holds the defaults) into this record.
/// </summary>
public sealed record ActorSystemSettings
{
    /// <summary>Messages an actor processes per turn before it yields its thread to others.</summary>
    public required int Throughput { get; init; }

    /// <summary>Timeout of <c>Ask</c> when the caller gives none.</summary>
    public required TimeSpan AskTimeout { get; init; }

    /// <summary>Restarts a child may have within <see cref="RestartWithin"/> under the default strategy (-1: unlimited).</summary>
    public required int MaxNrOfRetries { get; init; }

    /// <summary>The window in which <see cref="MaxNrOfRetries"/> counts restarts.</summary>
    public required TimeSpan RestartWithin { get; init; }

    /// <summary>Dead letters logged per <see cref="DeadLetterLogInterval"/>; the rest are counted and summarized.</summary>
    public required int DeadLetterLogLimit { get; init; }

    /// <summary>The window of <see cref="DeadLetterLogLimit"/>.</summary>
    public required TimeSpan DeadLetterLogInterval { get; init; }

    /// <summary>How <c>/user</c> supervises top-level actors; null is the default strategy. Escalate here stops the system.</summary>
    public SupervisorStrategy? GuardianStrategy { get; init; }
}
