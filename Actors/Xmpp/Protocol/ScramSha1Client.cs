using System.Security.Cryptography;
using System.Text;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// The client side of SASL SCRAM-SHA-1 (RFC 5802) without channel binding:
/// 1. client-first: <c>n,,n=user,r=client-nonce</c>;
/// 2. from the server-first (<c>r=nonce,s=salt,i=iterations</c>) the client-final with the proof;
/// 3. the server-final's <c>v=</c> must equal the server signature, or the server does not know the password.
/// </summary>
internal sealed class ScramSha1Client
{
    private const int MaxIterations = 1_000_000;
    private readonly string password;
    private readonly string clientNonce;
    private readonly string clientFirstBare;
    private byte[]? expectedServerSignature;

    public ScramSha1Client(string user, string password, string? clientNonce = null)
    {
        this.password = password;
        this.clientNonce = clientNonce ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        clientFirstBare = $"n={user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal)},r={this.clientNonce}";
    }

    public string ClientFirst => "n,," + clientFirstBare;

    /// <summary>The client-final message for the server's challenge.</summary>
    /// <exception cref="XmppException">The challenge is malformed or its nonce does not extend ours.</exception>
    public string ClientFinal(string serverFirst)
    {
        var fields = Parse(serverFirst);
        if (!fields.TryGetValue('r', out var nonce) || !fields.TryGetValue('s', out var salt) || !fields.TryGetValue('i', out var iterationText))
        {
            throw new XmppException("SCRAM-SHA-1: the server's challenge lacks r, s or i.");
        }

        if (!nonce.StartsWith(clientNonce, StringComparison.Ordinal) || nonce.Length == clientNonce.Length)
        {
            throw new XmppException("SCRAM-SHA-1: the server's nonce does not extend ours.");
        }

        if (!int.TryParse(iterationText, out var iterations) || iterations is < 1 or > MaxIterations)
        {
            throw new XmppException($"SCRAM-SHA-1: the iteration count must be 1 to {MaxIterations}.");
        }

        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(salt), iterations, HashAlgorithmName.SHA1, 20);
        var withoutProof = "c=biws,r=" + nonce;
        var authMessage = Encoding.UTF8.GetBytes($"{clientFirstBare},{serverFirst},{withoutProof}");
        var clientKey = HMACSHA1.HashData(saltedPassword, "Client Key"u8);
        var clientSignature = HMACSHA1.HashData(SHA1.HashData(clientKey), authMessage);
        var proof = new byte[clientKey.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }

        expectedServerSignature = HMACSHA1.HashData(HMACSHA1.HashData(saltedPassword, "Server Key"u8), authMessage);
        return $"{withoutProof},p={Convert.ToBase64String(proof)}";
    }

    /// <summary>Whether the server-final message proves the server knows the password.</summary>
    public bool VerifyServerFinal(string serverFinal)
    {
        if (expectedServerSignature is null || !Parse(serverFinal).TryGetValue('v', out var signature))
        {
            return false;
        }

        var given = new byte[20];
        return Convert.TryFromBase64String(signature, given, out var written) && written == given.Length
            && CryptographicOperations.FixedTimeEquals(given, expectedServerSignature);
    }

    private static Dictionary<char, string> Parse(string message)
    {
        var fields = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length >= 2 && part[1] == '=')
            {
                fields.TryAdd(part[0], part[2..]);
            }
        }

        return fields;
    }
}
