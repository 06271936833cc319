using System.Globalization;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class ForgedCommandTests
{
    [Fact]
    public void Rejects_a_command_signed_with_another_secret()
    {
        var signing = new Signing();
        var intruder = new CommandSigner(new Secret("a-guess-at-the-cluster-secret"), signing.Clock);

        var verdict = signing.Verifier.Verify(Signing.Body(), intruder.Sign(Signing.Body()).ToHeaders());

        Assert.Equal(CommandRejection.Forged, verdict.Rejection);
    }

    [Fact]
    public void Rejects_a_signed_command_whose_body_was_changed()
    {
        var signing = new Signing();
        var headers = signing.Signer.Sign(Signing.Body("pause:email")).ToHeaders();

        var verdict = signing.Verifier.Verify(Signing.Body("purge:email"), headers);

        Assert.Equal(CommandRejection.Forged, verdict.Rejection);
    }

    [Theory]
    [InlineData(CommandSignature.TimestampHeader)]
    [InlineData(CommandSignature.NonceHeader)]
    public void Rejects_a_signed_command_whose_timestamp_or_nonce_was_changed(string header)
    {
        var signing = new Signing();
        var signature = signing.Signer.Sign(Signing.Body());
        var headers = new Dictionary<string, string>(signature.ToHeaders())
        {
            [header] = header == CommandSignature.TimestampHeader
                ? (signature.TimestampMilliseconds + 1).ToString(CultureInfo.InvariantCulture)
                : "AAAAAAAAAAAAAAAAAAAAAA",
        };

        var verdict = signing.Verifier.Verify(Signing.Body(), headers);

        Assert.Equal(CommandRejection.Forged, verdict.Rejection);
    }

    [Fact]
    public void A_forged_command_is_not_remembered_so_it_cannot_block_the_real_one()
    {
        var signing = new Signing();
        var real = signing.Signer.Sign(Signing.Body());
        var forged = real with { Mac = Convert.ToBase64String(new byte[32]) };

        Assert.Equal(CommandRejection.Forged, signing.Verifier.Verify(Signing.Body(), forged).Rejection);

        Assert.True(signing.Verifier.Verify(Signing.Body(), real).IsAccepted);
    }
}
