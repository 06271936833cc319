namespace QueueActors.Actors.Cluster.Signing;

/// <summary>
/// The nonces of accepted commands, each kept until its command would be stale anyway: after that a replay is
/// rejected as stale, so the cache never grows past one max-age window of commands. Thread-safe.
/// </summary>
internal sealed class NonceCache
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> byExpiry = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return expiries.Count;
            }
        }
    }

    /// <summary>Remembers the nonce until <paramref name="expiresAt"/>; false if it is already remembered.</summary>
    public bool TryAdd(string nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        lock (gate)
        {
            Evict(now);
            if (!expiries.TryAdd(nonce, expiresAt))
            {
                return false;
            }

            byExpiry.Enqueue(nonce, expiresAt);
            return true;
        }
    }

    /// <summary>The nonces remembered at <paramref name="now"/>, with their expiries.</summary>
    public IReadOnlyList<(string Nonce, DateTimeOffset ExpiresAt)> Live(DateTimeOffset now)
    {
        lock (gate)
        {
            Evict(now);
            return [.. expiries.Select(e => (e.Key, e.Value))];
        }
    }

    private void Evict(DateTimeOffset now)
    {
        while (byExpiry.TryPeek(out var nonce, out var expiresAt) && expiresAt < now)
        {
            byExpiry.Dequeue();
            expiries.Remove(nonce);
        }
    }
}
