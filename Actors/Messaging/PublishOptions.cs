namespace QueueActors.Actors.Messaging;

/// <summary>
/// How to publish one event: later (<see cref="Delay"/> or <see cref="DeliverAt"/>: the cluster's database holds it
/// until then) and/or at most once per <see cref="UniqueKey"/> within <see cref="UniqueFor"/>.
/// </summary>
public sealed record PublishOptions
{
    /// <summary>The longest a publish can be put off: past it a value is a mistake (a unit mixed up), not a plan.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(3650);

    /// <summary>The longest a unique key can be held.</summary>
    public static readonly TimeSpan MaxUniqueFor = TimeSpan.FromDays(365);

    /// <summary>The longest a unique key may be (it is a primary key in the database).</summary>
    public const int MaxUniqueKeyLength = 512;

    /// <summary>
    /// The event's message id, when the caller derives it (a fan-out publishing the same ids again when its parent is
    /// redelivered); null: a new one. At most <see cref="MaxMessageIdLength"/> characters.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The longest message id a caller may give (AMQP's short string, and a column in the SQL transports).</summary>
    public const int MaxMessageIdLength = 128;

    /// <summary>Deliver no earlier than this long from now. Not with <see cref="DeliverAt"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Deliver no earlier than this time (a time already past: at once). Not with <see cref="Delay"/>.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>An idempotency key: a second publish with the same key within <see cref="UniqueFor"/> is dropped.</summary>
    public string? UniqueKey { get; init; }

    /// <summary>How long <see cref="UniqueKey"/> holds, from this publish; null: <c>queueactors.scheduling.unique-for</c>.</summary>
    public TimeSpan? UniqueFor { get; init; }

    /// <summary>
    /// On a partitioned queue: the key whose events keep their order (wins over the payload's
    /// <see cref="Partitions.IPartitioned.PartitionKey"/>). Ignored on a plain queue.
    /// </summary>
    public string? PartitionKey { get; init; }

    /// <summary>When the event is due, or null for at once.</summary>
    /// <exception cref="ArgumentException">Both Delay and DeliverAt, a negative or absurd value, a bad key or window.</exception>
    public DateTimeOffset? DueAt(DateTimeOffset now)
    {
        Validate(now);
        var due = Delay is { } delay ? now + delay : DeliverAt;
        return due > now ? due : null;
    }

    /// <summary>Throws a clear <see cref="ArgumentException"/> for options that cannot mean what the caller wanted.</summary>
    public void Validate(DateTimeOffset now)
    {
        if (Delay is not null && DeliverAt is not null)
        {
            throw new ArgumentException("Give Delay or DeliverAt, not both.", "options");
        }

        if (Delay is { } delay && (delay < TimeSpan.Zero || delay > MaxDelay))
        {
            throw new ArgumentException($"Delay must be from 0 to {MaxDelay.TotalDays:0} days; it is {delay}.", "options");
        }

        if (DeliverAt is { } at && at - now > MaxDelay)
        {
            throw new ArgumentException($"DeliverAt must be within {MaxDelay.TotalDays:0} days from now; it is {at:O}.", "options");
        }

        if (MessageId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > MaxMessageIdLength))
        {
            throw new ArgumentException($"MessageId must be non-blank and at most {MaxMessageIdLength} characters.", "options");
        }

        if (UniqueKey is { } key && (string.IsNullOrWhiteSpace(key) || key.Length > MaxUniqueKeyLength))
        {
            throw new ArgumentException($"UniqueKey must be non-blank and at most {MaxUniqueKeyLength} characters.", "options");
        }

        if (PartitionKey is { } partitionKey && !Partitions.PartitionHash.IsValidKey(partitionKey))
        {
            throw new ArgumentException($"PartitionKey must be non-blank and at most {Partitions.PartitionHash.MaxKeyLength} characters.", "options");
        }

        if (UniqueFor is { } window)
        {
            if (UniqueKey is null)
            {
                throw new ArgumentException("UniqueFor needs a UniqueKey.", "options");
            }

            if (window <= TimeSpan.Zero || window > MaxUniqueFor)
            {
                throw new ArgumentException($"UniqueFor must be more than 0 and at most {MaxUniqueFor.TotalDays:0} days; it is {window}.", "options");
            }
        }
    }
}
