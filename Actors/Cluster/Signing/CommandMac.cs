using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>
/// The MAC of a command: HMAC-SHA256 with the cluster secret over
/// <c>"qa-command-v1\n" + timestamp + "\n" + nonce + "\n" + body</c>. The body comes last and the fields before it
/// cannot hold a newline, so no two (timestamp, nonce, body) triples share an input.
/// </summary>
internal static class CommandMac
{
    private const string Version = "qa-command-v1";

    public static byte[] Compute(byte[] key, long timestampMilliseconds, string nonce, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}\n{timestampMilliseconds}\n{nonce}\n"));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
