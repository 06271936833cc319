using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>A <see cref="RestartWindow"/> as Akka's <see cref="OneForOneStrategy"/>.</summary>
internal static class RestartWindowStrategy
{
    /// <summary>
    /// At most <see cref="RestartWindow.MaxRestarts"/> restarts of a child within <see cref="RestartWindow.Within"/>;
    /// -1 is unlimited, so no window is given (with a window, Akka reads a negative count as one restart per window).
    /// </summary>
    public static OneForOneStrategy OneForOne(RestartWindow window, Func<Exception, Directive> decider) =>
        window.MaxRestarts < 0
            ? new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: null, decider)
            : new OneForOneStrategy(window.MaxRestarts, window.Within, decider);
}
