namespace QueueActors.Actors.Runtime;

/// <summary>
/// What the kernel needs to know at start. The kernel depends on nothing else in the project, so it
/// does not read HOCON itself: <c>Config</c> binds <c>queueactors.actor</c> into this record.
/// </summary>
public sealed record ActorSystemSettings
{
    /// <summary>Messages an actor processes per turn before it yields its thread to others.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Timeout of <c>Ask</c> when the caller gives none.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Restarts a child may have within <see cref="RestartWithin"/> under the default strategy (-1: unlimited).</summary>
    public int MaxNrOfRetries { get; init; } = 10;

    /// <summary>The window in which <see cref="MaxNrOfRetries"/> counts restarts.</summary>
    public TimeSpan RestartWithin { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Dead letters logged per <see cref="DeadLetterLogInterval"/>; the rest are counted and summarized.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>The window of <see cref="DeadLetterLogLimit"/>.</summary>
    public TimeSpan DeadLetterLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The settings the kernel runs with when nothing is configured; equal to hocon/reference.conf.</summary>
    public static ActorSystemSettings Default { get; } = new();
}
