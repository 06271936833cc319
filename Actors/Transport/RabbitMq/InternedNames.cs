using System.Collections.Concurrent;
using System.Text;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Site and queue names arrive in every delivery (in its <c>type</c> property, or as UTF-8 bytes in an older
/// event's headers), and the same names repeat: each is kept here as one string (up to <see cref="MaxEntries"/>
/// of them), so a delivery allocates none for them.
/// </summary>
internal static class InternedNames
{
    /// <summary>Longer values are made into strings as they come (names are at most 64 characters).</summary>
    private const int MaxChars = 128;

    /// <summary>Past this many names (sites come and go), new ones are made each time rather than kept.</summary>
    private const int MaxEntries = 20_000;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_count;

    public static string Of(byte[] utf8)
    {
        if (utf8.Length > MaxChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Of(chars[..length]);
    }

    public static string Of(ReadOnlySpan<char> chars)
    {
        if (ByChars.TryGetValue(chars, out var known))
        {
            return known;
        }

        var name = new string(chars);
        if (chars.Length <= MaxChars && Volatile.Read(ref s_count) < MaxEntries && Known.TryAdd(name, name))
        {
            Interlocked.Increment(ref s_count);
        }

        return name;
    }
}
