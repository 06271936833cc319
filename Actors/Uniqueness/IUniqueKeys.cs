namespace QueueActors.Actors.Uniqueness;

/// <summary>
/// The unique keys of <see cref="Messaging.PublishOptions.UniqueKey"/>, cluster-wide: a table in the cluster's
/// database (<c>qa_unique_keys</c>), or a dictionary on the harness clock (<see cref="InMemoryUniqueKeys"/>).
/// </summary>
public interface IUniqueKeys
{
    /// <summary>
    /// Takes <paramref name="key"/> for <paramref name="messageId"/> until <paramref name="expiresAt"/> if no one holds
    /// it (or its holder's window ran out); returns the message id that holds it now: <paramref name="messageId"/> when
    /// taken, the first event's id when not.
    /// </summary>
    Task<string> TakeAsync(string key, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Gives the key back if <paramref name="messageId"/> still holds it (its publish failed: a retry may publish).</summary>
    Task ReleaseAsync(string key, string messageId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the keys whose window ran out; returns how many.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken = default);
}
