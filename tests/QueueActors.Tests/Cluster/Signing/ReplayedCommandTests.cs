using QueueActors.Actors.Cluster.Signing;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class ReplayedCommandTests
{
    [Fact]
    public void Rejects_the_same_signed_command_the_second_time()
    {
        var signing = new Signing();
        var headers = signing.Signer.Sign(Signing.Body("shutdown")).ToHeaders();
        Assert.True(signing.Verifier.Verify(Signing.Body("shutdown"), headers).IsAccepted);

        signing.Clock.Advance(TimeSpan.FromSeconds(10));
        var replay = signing.Verifier.Verify(Signing.Body("shutdown"), headers);

        Assert.Equal(CommandRejection.Replayed, replay.Rejection);
        Assert.Contains(headers[CommandSignature.NonceHeader], replay.Reason);
    }

    [Fact]
    public void A_replay_after_the_max_age_is_still_rejected_as_stale_once_the_nonce_is_forgotten()
    {
        var signing = new Signing();
        var headers = signing.Signer.Sign(Signing.Body()).ToHeaders();
        Assert.True(signing.Verifier.Verify(Signing.Body(), headers).IsAccepted);

        signing.Clock.Advance(Signing.MaxAge + TimeSpan.FromSeconds(1));
        signing.Verifier.Verify(Signing.Body(), signing.Signer.Sign(Signing.Body()).ToHeaders()); // evicts old nonces

        Assert.Equal(1, signing.Verifier.RememberedNonces);
        Assert.Equal(CommandRejection.Stale, signing.Verifier.Verify(Signing.Body(), headers).Rejection);
    }
}
