using System.IO.Hashing;
using System.Text;

namespace QueueActors.Actors.Partitions;

/// <summary>
/// Key → partition: XXH32 (seed 0) of the key's UTF-8 bytes, modulo the partition count. Part of the wire contract:
/// every publisher of a cluster, in any process or version, must send a key to the same partition, so it is a
/// published hash (a producer in another language computes it with any xxHash library) and never
/// <see cref="string.GetHashCode()"/>, which .NET randomizes per process.
/// </summary>
public static class PartitionHash
{
    /// <summary>The longest partition key (it is hashed on every publish).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Whether <paramref name="key"/> can be a partition key: non-blank and at most <see cref="MaxKeyLength"/> characters.</summary>
    public static bool IsValidKey(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= MaxKeyLength;

    /// <summary>The partition of <paramref name="key"/>, from 0 to <paramref name="partitions"/> − 1.</summary>
    /// <exception cref="ArgumentException">The key is blank or longer than <see cref="MaxKeyLength"/>.</exception>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"A partition key must be non-blank and at most {MaxKeyLength} characters.", nameof(key));
        }

        Span<byte> buffer = stackalloc byte[MaxKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        return (int)(XxHash32.HashToUInt32(buffer[..length]) % (uint)partitions);
    }
}
