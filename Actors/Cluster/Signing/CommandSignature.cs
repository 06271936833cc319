using System.Globalization;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>
/// What travels beside a control command's body: when it was signed (Unix milliseconds), a one-time nonce, and
/// the HMAC-SHA256 (Base64) over both and the body. Carried as three message headers.
/// </summary>
public sealed record CommandSignature(long TimestampMilliseconds, string Nonce, string Mac)
{
    public const string TimestampHeader = "cmd-timestamp";
    public const string NonceHeader = "cmd-nonce";
    public const string MacHeader = "cmd-hmac-sha256";

    /// <summary>The three headers, to merge into the command's message headers.</summary>
    public IReadOnlyDictionary<string, string> ToHeaders() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TimestampHeader] = TimestampMilliseconds.ToString(CultureInfo.InvariantCulture),
        [NonceHeader] = Nonce,
        [MacHeader] = Mac,
    };

    /// <summary>
    /// Reads the signature from message headers: null when none of the three is there (unsigned);
    /// <paramref name="malformed"/> says what is wrong when some are missing or unreadable.
    /// </summary>
    public static CommandSignature? FromHeaders(IReadOnlyDictionary<string, string>? headers, out string? malformed)
    {
        malformed = null;
        string? timestamp = null, nonce = null, mac = null;
        if (headers is null
            || !(headers.TryGetValue(TimestampHeader, out timestamp) | headers.TryGetValue(NonceHeader, out nonce) | headers.TryGetValue(MacHeader, out mac)))
        {
            return null;
        }

        if (timestamp is null || nonce is null || mac is null)
        {
            malformed = $"a signature needs all of {TimestampHeader}, {NonceHeader} and {MacHeader}";
            return null;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            malformed = $"{TimestampHeader} is not a Unix time in milliseconds";
            return null;
        }

        if (nonce.Length is < 16 or > 64 || !nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            malformed = $"{NonceHeader} is not 16 to 64 characters of Base64url";
            return null;
        }

        return new CommandSignature(milliseconds, nonce, mac);
    }
}
