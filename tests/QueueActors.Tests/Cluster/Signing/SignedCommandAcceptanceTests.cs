using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class SignedCommandAcceptanceTests
{
    [Fact]
    public void Accepts_a_command_signed_with_the_cluster_secret()
    {
        var signing = new Signing();
        var body = Signing.Body();

        var verdict = signing.Verifier.Verify(body, signing.Signer.Sign(body).ToHeaders());

        Assert.True(verdict.IsAccepted, verdict.Reason);
    }

    [Fact]
    public void Accepts_a_command_signed_by_another_node_with_the_same_secret_within_the_max_age()
    {
        var signing = new Signing();
        var otherNode = new CommandSigner(new Secret(Signing.SecretText), signing.Clock);
        var body = Signing.Body("shutdown");
        var headers = otherNode.Sign(body).ToHeaders();

        signing.Clock.Advance(Signing.MaxAge - TimeSpan.FromSeconds(1));

        Assert.True(signing.Verifier.Verify(body, headers).IsAccepted);
    }

    [Fact]
    public void Two_signatures_of_the_same_body_use_different_nonces()
    {
        var signing = new Signing();

        var first = signing.Signer.Sign(Signing.Body());
        var second = signing.Signer.Sign(Signing.Body());

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Mac, second.Mac);
        Assert.True(signing.Verifier.Verify(Signing.Body(), first).IsAccepted);
        Assert.True(signing.Verifier.Verify(Signing.Body(), second).IsAccepted);
    }
}
