using System.Security.Cryptography;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// Remembers the hashes of recent channel messages so that a second copy of the same bytes (a transport with
/// several independent servers delivers one per server) is dropped before it is verified: the verifier would
/// otherwise log each copy as a replay. Entries expire after <c>window</c> (the signing max age: older copies
/// are stale anyway) and at most <c>capacity</c> are kept, oldest dropped first, so a flood cannot grow it.
/// Thread-safe.
/// </summary>
internal sealed class DuplicateFilter(TimeSpan window, TimeProvider time, int capacity = 100_000)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, bool> seen = new(StringComparer.Ordinal); // hash → a duplicate was reported
    private readonly Queue<(string Hash, DateTimeOffset ExpiresAt)> byAge = new();

    /// <summary>What the filter makes of a message.</summary>
    public enum Verdict
    {
        /// <summary>Not seen within the window.</summary>
        New,

        /// <summary>The first further copy of a message: worth one log line.</summary>
        FirstDuplicate,

        /// <summary>Yet another copy: dropped silently.</summary>
        Duplicate,
    }

    public Verdict Check(ReadOnlySpan<byte> message)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(message));
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (byAge.TryPeek(out var oldest) && (oldest.ExpiresAt < now || byAge.Count >= capacity))
            {
                byAge.Dequeue();
                seen.Remove(oldest.Hash);
            }

            if (seen.TryGetValue(hash, out var reported))
            {
                seen[hash] = true;
                return reported ? Verdict.Duplicate : Verdict.FirstDuplicate;
            }

            seen[hash] = false;
            byAge.Enqueue((hash, now + window));
            return Verdict.New;
        }
    }
}
