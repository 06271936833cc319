using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The SQL of the queue tables on one backend. Times are the transport's clock (its TimeProvider); every
/// change to a claimed row is conditional on the claim (<see cref="SqlClaim"/>), so a late settle of a claim
/// that expired and was taken by another consumer changes nothing.
/// </summary>
internal interface ISqlQueueStore
{
    /// <summary>Records the queue (and its dead-letter queue); fails when it exists with another spec.</summary>
    Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken);

    /// <summary>Inserts the message, ready at <paramref name="availableAtMillis"/> (Unix ms); false when the queue was not declared.</summary>
    Task<bool> InsertAsync(string queue, Envelope envelope, long availableAtMillis, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> ready messages in id order until <paramref name="until"/>. Messages
    /// returned more often than the spec's delivery limit are dead-lettered instead, in the same transaction.
    /// </summary>
    Task<IReadOnlyList<SqlMessage>> ClaimAsync(QueueSpec spec, string consumer, int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Deletes the message if the claim still holds.</summary>
    Task AckAsync(SqlClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the messages ready again. <paramref name="counted"/>: a return (over the delivery limit it is
    /// dead-lettered instead); otherwise the claim never reached a consumer and is undone without a trace.
    /// </summary>
    Task ReturnAsync(QueueSpec spec, IReadOnlyList<SqlClaim> claims, bool counted, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves the message to the spec's dead-letter queue (or drops it) if the claim still holds.</summary>
    Task DeadLetterAsync(QueueSpec spec, SqlClaim claim, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The next time after <paramref name="now"/> at which a message of the queue becomes ready (a delay or a claim runs out).</summary>
    Task<DateTimeOffset?> NextDueAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the ready messages; null when the queue was not declared.</summary>
    Task<long?> PurgeAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ready messages and consumers seen since <paramref name="aliveSince"/>; null when the queue was not declared.</summary>
    Task<QueueStatus?> StatusAsync(string queue, DateTimeOffset now, DateTimeOffset aliveSince, CancellationToken cancellationToken);

    /// <summary>Records or refreshes a live consumer, and forgets the queue's consumers not seen since <paramref name="forgetBefore"/> (their process died).</summary>
    Task TouchConsumerAsync(string consumer, string queue, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken cancellationToken);

    Task RemoveConsumerAsync(string consumer, CancellationToken cancellationToken);

    /// <summary>
    /// For a single-active-consumer queue: takes the queue's consumer lease if no consumer of any process
    /// holds it (PostgreSQL: a session advisory lock on a connection of its own; SQLite: the file has one
    /// process, so the lease is always granted). Null when another holds it. Disposing the lease frees it.
    /// </summary>
    Task<IAsyncDisposable?> TryTakeActiveLeaseAsync(string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the live claims of the transport instance <paramref name="instance"/> (consumer ids <c>instance/…</c>)
    /// claimable now, and wakes the consumers of their queues; returns how many rows it released.
    /// </summary>
    Task<int> ReleaseClaimsOfAsync(string instance, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The transport instances that hold live claims (the part of claimed_by before its '/').</summary>
    Task<IReadOnlyList<string>> ClaimingInstancesAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
