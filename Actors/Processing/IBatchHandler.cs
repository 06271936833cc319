namespace QueueActors.Actors.Processing;

/// <summary>
/// A worker that takes up to <c>batch-size</c> events at once (like Zulip's batch workers): whatever is
/// waiting, without waiting for more. A throw fails the whole batch: each event is retried on its own.
/// </summary>
/// <typeparam name="T">The event, read from each payload's JSON.</typeparam>
public interface IBatchHandler<T>
{
    /// <summary>Handles the events; they are acknowledged only after this returns.</summary>
    ValueTask HandleBatchAsync(IReadOnlyList<QueuedEvent<T>> events, CancellationToken cancellationToken);
}
