namespace QueueActors.Actors.Processing;

/// <summary>
/// A worker: one class, one method. It handles one event and returns; to fail, it throws (the event is
/// retried with backoff, then dead-lettered). It never catches to "keep going": a fresh instance takes
/// over after a failure. Honour <paramref name="cancellationToken"/>: it fires at the per-event timeout
/// and when the node stops.
/// </summary>
/// <typeparam name="T">The event, read from the payload's JSON.</typeparam>
public interface IQueueHandler<in T>
{
    /// <summary>Handles one event; the event is acknowledged only after this returns.</summary>
    ValueTask HandleAsync(T @event, HandlerContext context, CancellationToken cancellationToken);
}
