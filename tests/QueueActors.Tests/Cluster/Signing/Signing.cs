using System.Text;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.TestKit;

namespace QueueActors.Tests.Cluster.Signing;

/// <summary>A signer and a verifier on one manual clock, sharing a secret, as two nodes of a cluster would.</summary>
internal sealed class Signing
{
    public const string SecretText = "correct-horse-battery-staple-42";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public Signing(ILogger? logger = null)
    {
        Signer = new CommandSigner(new Secret(SecretText), Clock);
        Verifier = new CommandVerifier(new Secret(SecretText), MaxAge, Clock, logger);
    }

    public ManualTimeProvider Clock { get; } = new();

    public CommandSigner Signer { get; }

    public CommandVerifier Verifier { get; }

    public static byte[] Body(string text = "update:site-a") => Encoding.UTF8.GetBytes(text);
}
