using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class RejectionLoggingTests
{
    [Fact]
    public void Each_rejected_command_is_logged_once_with_its_reason_and_without_the_secret_or_mac()
    {
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var signing = new Signing(factory.CreateLogger("control"));
        var signature = signing.Signer.Sign(Signing.Body());
        signing.Verifier.Verify(Signing.Body(), signature);

        signing.Verifier.Verify(Signing.Body(), signature);
        signing.Verifier.Verify(Signing.Body("other"), signature);
        signing.Verifier.Verify(Signing.Body(), (CommandSignature?)null);

        var warnings = logs.AtLeast(LogLevel.Warning);
        Assert.Collection(
            warnings,
            e => Assert.Contains("(Replayed)", e.Message),
            e => Assert.Contains("(Forged)", e.Message),
            e => Assert.Contains("(Unsigned)", e.Message));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(Signing.SecretText, e.Message));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(signature.Mac, e.Message));
    }
}
