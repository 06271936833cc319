namespace QueueActors.Actors.Runtime;

/// <summary>The directive applies only to the child that failed.</summary>
public sealed class OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive>? decider = null)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    internal override bool AppliesToAllChildren => false;
}
