namespace QueueActors.Actors.Partitions;

/// <summary>
/// An event's partition key, taken the same way by every way in (<c>IEventPublisher</c>, the outbox writer): the key
/// given with the publish wins, else the payload's (<see cref="IPartitioned"/>).
/// </summary>
internal static class PartitionKeys
{
    /// <summary>The key given, else the payload's; null when neither names one.</summary>
    public static string? Of<T>(T payload, string? given) => given ?? (payload as IPartitioned)?.PartitionKey;

    /// <summary>
    /// The key of an event for the partitioned <paramref name="queue"/>. An event without one is refused rather than put
    /// on some partition: its order against the key's other events would be lost unseen.
    /// </summary>
    /// <param name="option">Where the caller gives a key (named in the error).</param>
    /// <exception cref="ArgumentException">Neither a given key nor an <see cref="IPartitioned"/> payload.</exception>
    public static string Required<T>(string queue, T payload, string? given, string option) =>
        Of(payload, given) ?? throw new ArgumentException($"Queue {queue} is partitioned: give {option} or a payload that implements IPartitioned.", nameof(payload));
}
