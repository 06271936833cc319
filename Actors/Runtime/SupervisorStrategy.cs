namespace QueueActors.Actors.Runtime;

/// <summary>
/// Decides what happens to children that fail: a decider maps the exception to a <see cref="Directive"/>,
/// and restarts are limited to <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>; a child
/// that fails once more inside the window is stopped and the failure is logged.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive>? decider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? DefaultDecider;
    }

    /// <summary>Restarts allowed per child within the window; -1 is unlimited, 0 stops at the first failure.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window; <see cref="Timeout.InfiniteTimeSpan"/> counts restarts over the child's whole life.</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>Stop on initialization failure, Kill and an unhandled Terminated; restart on anything else.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Stops the failed child whatever the exception.</summary>
    public static OneForOneStrategy StoppingStrategy { get; } = new(0, Timeout.InfiniteTimeSpan, _ => Directive.Stop);

    /// <summary>True when the directive applies to every child, not just the one that failed.</summary>
    internal abstract bool AppliesToAllChildren { get; }
}
