using QueueActors.Actors.Processing;

namespace QueueActors.Processors.UserActivity;

/// <summary>
/// The user-activity processor (Zulip's user_activity worker): takes the queue's events in batches (<c>batch-size</c>),
/// folds them into one row per (user, query) and writes each with one upsert (<see cref="UserActivityStore"/>), so a
/// busy user costs one statement per batch instead of one per request. A failure rolls the batch back and retries it.
/// </summary>
[Queue(QueueName)]
public sealed class UserActivityHandler(UserActivityStore store) : IBatchHandler<UserActivityEvent>
{
    /// <summary>The queue it consumes unless registered on another.</summary>
    public const string QueueName = "user_activity";

    public async ValueTask HandleBatchAsync(IReadOnlyList<QueuedEvent<UserActivityEvent>> events, CancellationToken cancellationToken)
    {
        await store.AddAsync(UserActivityRow.Aggregate(events.Select(e => e.Event)), cancellationToken).ConfigureAwait(false);
    }
}
