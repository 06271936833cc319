namespace QueueActors.Actors.Runtime;

/// <summary>The directive applies to every child: siblings are restarted or stopped with the one that failed.</summary>
public sealed class AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive>? decider = null)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    internal override bool AppliesToAllChildren => true;
}
