using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class StaleCommandTests
{
    [Fact]
    public void Rejects_a_command_older_than_the_max_age()
    {
        var signing = new Signing();
        var headers = signing.Signer.Sign(Signing.Body()).ToHeaders();

        signing.Clock.Advance(Signing.MaxAge + TimeSpan.FromMilliseconds(1));
        var verdict = signing.Verifier.Verify(Signing.Body(), headers);

        Assert.Equal(CommandRejection.Stale, verdict.Rejection);
        Assert.Contains("the limit is 30 s", verdict.Reason);
    }

    [Fact]
    public void Accepts_a_command_exactly_at_the_max_age()
    {
        var signing = new Signing();
        var headers = signing.Signer.Sign(Signing.Body()).ToHeaders();

        signing.Clock.Advance(Signing.MaxAge);

        Assert.True(signing.Verifier.Verify(Signing.Body(), headers).IsAccepted);
    }

    [Fact]
    public void Rejects_a_command_signed_further_in_the_future_than_the_max_age()
    {
        var signing = new Signing();
        var aheadClock = new ManualTimeProvider();
        aheadClock.Advance(Signing.MaxAge + TimeSpan.FromSeconds(1));
        var skewedNode = new CommandSigner(new Secret(Signing.SecretText), aheadClock);

        var verdict = signing.Verifier.Verify(Signing.Body(), skewedNode.Sign(Signing.Body()).ToHeaders());

        Assert.Equal(CommandRejection.Stale, verdict.Rejection);
    }
}
