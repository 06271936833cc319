using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QueueActors.Processors.Webhook;

/// <summary>
/// The signature of a webhook request: <c>t=&lt;unix seconds&gt;,v1=&lt;lowercase hex HMAC-SHA256(secret, "&lt;t&gt;." + body)&gt;</c>.
/// The timestamp is signed with the body, so a receiver that checks it (<see cref="Verify"/>, with a tolerance)
/// refuses a replayed request as well as a forged one.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> key, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(key, seconds, body))}";
    }

    /// <summary>
    /// True when <paramref name="header"/> is a signature of <paramref name="body"/> with <paramref name="key"/> made no
    /// further than <paramref name="tolerance"/> from <paramref name="now"/>. Compares in constant time.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> key, string? header, ReadOnlySpan<byte> body, TimeSpan tolerance, DateTimeOffset now)
    {
        if (header is null || !TryParse(header, out var seconds, out var signature))
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - seconds;
        return Math.Abs(age) <= tolerance.TotalSeconds && CryptographicOperations.FixedTimeEquals(Mac(key, seconds, body), signature);
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }

    private static bool TryParse(string header, out long seconds, out byte[] signature)
    {
        seconds = 0;
        signature = [];
        string? t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                v1 = part[3..];
            }
        }

        if (t is null || v1 is null || v1.Length != 64 || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        try
        {
            signature = Convert.FromHexString(v1);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
