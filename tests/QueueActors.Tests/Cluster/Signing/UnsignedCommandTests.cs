using QueueActors.Actors.Cluster.Signing;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class UnsignedCommandTests
{
    [Fact]
    public void Rejects_a_command_without_signature_headers_as_unsigned()
    {
        var signing = new Signing();

        var none = signing.Verifier.Verify(Signing.Body(), (IReadOnlyDictionary<string, string>?)null);
        var unrelated = signing.Verifier.Verify(Signing.Body(), new Dictionary<string, string> { ["trace"] = "x" });

        Assert.Equal(CommandRejection.Unsigned, none.Rejection);
        Assert.Equal(CommandRejection.Unsigned, unrelated.Rejection);
        Assert.Contains("no signature", none.Reason);
    }

    [Theory]
    [InlineData(CommandSignature.MacHeader, null, "needs all of")]
    [InlineData(CommandSignature.TimestampHeader, "yesterday", "not a Unix time")]
    [InlineData(CommandSignature.NonceHeader, "short", "Base64url")]
    [InlineData(CommandSignature.NonceHeader, "has spaces in the nonce!", "Base64url")]
    [InlineData(CommandSignature.MacHeader, "not*base64", "not 32 bytes")]
    [InlineData(CommandSignature.MacHeader, "AAAA", "not 32 bytes")]
    public void Rejects_incomplete_or_unreadable_signature_headers_as_malformed(string header, string? value, string reason)
    {
        var signing = new Signing();
        var headers = new Dictionary<string, string>(signing.Signer.Sign(Signing.Body()).ToHeaders());
        if (value is null)
        {
            headers.Remove(header);
        }
        else
        {
            headers[header] = value;
        }

        var verdict = signing.Verifier.Verify(Signing.Body(), headers);

        Assert.Equal(CommandRejection.Malformed, verdict.Rejection);
        Assert.Contains(reason, verdict.Reason);
    }
}
