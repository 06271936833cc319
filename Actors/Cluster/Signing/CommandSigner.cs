using System.Security.Cryptography;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>Signs control commands with the cluster secret: the current time, a fresh random nonce, and the MAC.</summary>
public sealed class CommandSigner
{
    /// <summary>Secrets shorter than this are refused: a short shared key is guessable offline from one signed command.</summary>
    public const int MinimumSecretBytes = 16;

    private readonly byte[] key;
    private readonly TimeProvider time;

    public CommandSigner(Secret secret, TimeProvider? timeProvider = null)
    {
        key = KeyFrom(secret);
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A signer with the secret the settings point at.</summary>
    /// <param name="environment">Where the secret's environment variable is looked up; the process environment by default.</param>
    public static CommandSigner FromSettings(SigningSettings settings, TimeProvider? timeProvider = null, Func<string, string?>? environment = null) =>
        new(settings.Secret.Read(environment), timeProvider);

    /// <summary>Signs <paramref name="body"/> as it will be sent (the exact bytes).</summary>
    public CommandSignature Sign(ReadOnlySpan<byte> body)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(16));
        return new CommandSignature(timestamp, nonce, Convert.ToBase64String(CommandMac.Compute(key, timestamp, nonce, body)));
    }

    internal static byte[] KeyFrom(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var bytes = secret.RevealBytes();
        return bytes.Length >= MinimumSecretBytes
            ? bytes
            : throw new ArgumentException($"The cluster secret must be at least {MinimumSecretBytes} bytes long.", nameof(secret));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
