namespace QueueActors.Actors.Processing;

/// <summary>Runs only one processor (<c>queueactors process-queue --queue Q [--site S]</c>).</summary>
/// <param name="Queue">The logical queue.</param>
/// <param name="Site">With a site: that site's breakout queue if it has one, else the shared queue it publishes to.
/// Without: the shared queue and every served site's breakout queue of <paramref name="Queue"/>.</param>
public sealed record ProcessingFilter(string Queue, string? Site = null);
