using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>
/// Checks control commands before anything acts on them:
/// 1. no signature headers → <see cref="CommandRejection.Unsigned"/>; incomplete or unreadable → Malformed;
/// 2. the MAC is recomputed with the cluster secret and compared in constant time → Forged on mismatch
///    (checked before anything is remembered, so forgeries cannot fill the nonce cache);
/// 3. a timestamp further than MaxAge from now, either way → Stale;
/// 4. a nonce already accepted within MaxAge → Replayed; otherwise it is remembered and the command accepted.
/// Each rejection is logged once, here, with its reason (never the secret or the MAC).
/// </summary>
public sealed class CommandVerifier
{
    private readonly byte[] key;
    private readonly TimeSpan maxAge;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly NonceCache nonces = new();

    public CommandVerifier(Secret secret, TimeSpan maxAge, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        key = CommandSigner.KeyFrom(secret);
        this.maxAge = maxAge;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A verifier with the secret and maximum age of the settings.</summary>
    /// <param name="environment">Where the secret's environment variable is looked up; the process environment by default.</param>
    public static CommandVerifier FromSettings(SigningSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null, Func<string, string?>? environment = null) =>
        new(settings.Secret.Read(environment), settings.MaxAge, timeProvider, logger);

    /// <summary>Nonces remembered now (for tests and metrics).</summary>
    internal int RememberedNonces => nonces.Count;

    /// <summary>Verifies a command whose signature travels in its message headers.</summary>
    public CommandVerification Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string>? headers)
    {
        var signature = CommandSignature.FromHeaders(headers, out var malformed);
        return signature is not null
            ? Verify(body, signature)
            : Rejected(malformed is null
                ? CommandVerification.Reject(CommandRejection.Unsigned, "the command carries no signature")
                : CommandVerification.Reject(CommandRejection.Malformed, malformed));
    }

    public CommandVerification Verify(ReadOnlySpan<byte> body, CommandSignature? signature)
    {
        if (signature is null)
        {
            return Rejected(CommandVerification.Reject(CommandRejection.Unsigned, "the command carries no signature"));
        }

        var given = new byte[32];
        if (!Convert.TryFromBase64String(signature.Mac, given, out var written) || written != given.Length)
        {
            return Rejected(CommandVerification.Reject(CommandRejection.Malformed, "the MAC is not 32 bytes of Base64"));
        }

        var expected = CommandMac.Compute(key, signature.TimestampMilliseconds, signature.Nonce, body);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return Rejected(CommandVerification.Reject(CommandRejection.Forged, "the MAC does not match (wrong secret, or the command was altered)"));
        }

        var now = time.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(signature.TimestampMilliseconds, 0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        var age = now - signedAt;
        if (age > maxAge || age < -maxAge)
        {
            return Rejected(CommandVerification.Reject(CommandRejection.Stale, $"signed at {signedAt:O}, {age.TotalSeconds:0.###} s from now; the limit is {maxAge.TotalSeconds:0.###} s"));
        }

        return nonces.TryAdd(signature.Nonce, signedAt + maxAge, now)
            ? CommandVerification.Accepted
            : Rejected(CommandVerification.Reject(CommandRejection.Replayed, $"nonce {signature.Nonce} was already used"));
    }

    private CommandVerification Rejected(CommandVerification verdict)
    {
        SigningLog.CommandRejected(logger, verdict.Rejection!.Value, verdict.Reason);
        return verdict;
    }
}
