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
/// 4. a timestamp before this verifier was made (the node's start) less the clock skew → PredatesStart: the
///    nonces accepted before a restart are gone from memory, so a capture replayed after it must be refused by
///    its time. The price: a command signed more than the skew before the start, still in flight, is refused too;
///    a command signed within the skew before the start passes this rule (the journal, below, catches its replay);
/// 5. a nonce already accepted within MaxAge → Replayed; otherwise it is remembered and the command accepted.
/// With a nonce file (<see cref="NonceJournal"/>) accepted nonces are also kept on disk and read back at start,
/// which closes the window of a restart within the skew.
/// Each rejection is logged once, here, with its reason (never the secret or the MAC).
/// </summary>
public sealed class CommandVerifier
{
    private readonly byte[] key;
    private readonly TimeSpan maxAge;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly DateTimeOffset startedAt;
    private readonly TimeSpan clockSkew;
    private readonly NonceCache nonces = new();
    private NonceJournal? journal;

    /// <param name="clockSkew">How far the signers' clocks may be behind this one at start; <see cref="SigningSettings.DefaultClockSkew"/> by default.</param>
    /// <param name="nonceFile">Where accepted nonces are kept across restarts; null: in memory only.</param>
    public CommandVerifier(Secret secret, TimeSpan maxAge, TimeProvider? timeProvider = null, ILogger? logger = null, TimeSpan? clockSkew = null, string? nonceFile = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew ?? TimeSpan.Zero, TimeSpan.Zero);
        key = CommandSigner.KeyFrom(secret);
        this.maxAge = maxAge;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        this.clockSkew = clockSkew ?? SigningSettings.DefaultClockSkew;
        startedAt = time.GetUtcNow();
        if (nonceFile is not null)
        {
            Restore(new NonceJournal(nonceFile));
        }
    }

    /// <summary>A verifier with the secret, maximum age and clock skew of the settings.</summary>
    /// <param name="environment">Where the secret's environment variable is looked up; the process environment by default.</param>
    /// <param name="nonceFile">Where accepted nonces are kept across restarts (a node's); null: in memory only (a client's).</param>
    public static CommandVerifier FromSettings(SigningSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null, Func<string, string?>? environment = null, string? nonceFile = null) =>
        new(settings.Secret.Read(environment), settings.MaxAge, timeProvider, logger, settings.ClockSkew, nonceFile);

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

        if (signedAt < startedAt - clockSkew)
        {
            return Rejected(CommandVerification.Reject(
                CommandRejection.PredatesStart,
                $"signed at {signedAt:O}, before this node started at {startedAt:O} (less {clockSkew.TotalSeconds:0.###} s of clock skew): a command from before a restart"));
        }

        if (!nonces.TryAdd(signature.Nonce, signedAt + maxAge, now))
        {
            return Rejected(CommandVerification.Reject(CommandRejection.Replayed, $"nonce {signature.Nonce} was already used"));
        }

        Record(signature.Nonce, signedAt, now);
        return CommandVerification.Accepted;
    }

    private void Restore(NonceJournal file)
    {
        try
        {
            var now = time.GetUtcNow();
            foreach (var (nonce, signedAt) in file.Load(startedAt - clockSkew))
            {
                nonces.TryAdd(nonce, signedAt + maxAge, now);
            }

            journal = file;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            SigningLog.JournalFailed(logger, file.FilePath, error.Message);
        }
    }

    private void Record(string nonce, DateTimeOffset signedAt, DateTimeOffset now)
    {
        if (journal is not { } file)
        {
            return;
        }

        try
        {
            file.Append(nonce, signedAt);
            if (file.NeedsCompaction(nonces.Count))
            {
                file.Rewrite(nonces.Live(now).Select(e => (e.Nonce, e.ExpiresAt - maxAge)));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            journal = null; // logged once; memory and the start rule still hold
            SigningLog.JournalFailed(logger, file.FilePath, error.Message);
        }
    }

    private CommandVerification Rejected(CommandVerification verdict)
    {
        SigningLog.CommandRejected(logger, verdict.Rejection!.Value, verdict.Reason);
        return verdict;
    }
}
