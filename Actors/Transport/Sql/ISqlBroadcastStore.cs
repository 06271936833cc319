namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The SQL of the broadcast log on one backend: rows in <c>broadcast_messages</c> with ids that grow in
/// commit order per channel. After a publish committed, the store wakes the channel's subscribers (SQLite:
/// the in-process signal and the other processes' wake files; PostgreSQL: NOTIFY).
/// </summary>
internal interface ISqlBroadcastStore
{
    /// <summary>The highest id of the channel so far (0 when it has none).</summary>
    Task<long> LastIdAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a message; with <paramref name="pruneBeforeMillis"/>, deletes every channel's messages
    /// published before that time as well (best effort).
    /// </summary>
    Task PublishAsync(string channel, ReadOnlyMemory<byte> payload, long publishedAtMillis, long? pruneBeforeMillis, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> messages of the channel after <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<SqlBroadcastMessage>> ReadAsync(string channel, long afterId, int max, CancellationToken cancellationToken);
}
