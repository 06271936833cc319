using System.Collections.Concurrent;
using System.Text;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Site and queue names arrive as UTF-8 bytes in every delivery's headers, and the same names repeat: each is
/// decoded into one string kept here (up to <see cref="MaxEntries"/> of them), so a delivery allocates none.
/// </summary>
internal static class HeaderNames
{
    /// <summary>Longer values are decoded as they come (names are at most 64 characters).</summary>
    private const int MaxBytes = 128;

    /// <summary>Past this many names (sites come and go), new ones are decoded each time rather than kept.</summary>
    private const int MaxEntries = 20_000;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_count;

    public static string Decode(byte[] utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        if (ByChars.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        var name = new string(chars[..length]);
        if (Volatile.Read(ref s_count) < MaxEntries && Known.TryAdd(name, name))
        {
            Interlocked.Increment(ref s_count);
        }

        return name;
    }
}
