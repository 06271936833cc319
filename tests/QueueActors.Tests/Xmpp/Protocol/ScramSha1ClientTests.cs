using QueueActors.Actors.Xmpp.Protocol;
using Xunit;

namespace QueueActors.Tests.Xmpp.Protocol;

/// <summary>The SCRAM-SHA-1 exchange of RFC 5802 §5 (user "user", password "pencil").</summary>
public sealed class ScramSha1ClientTests
{
    private const string ClientNonce = "fyko+d2lbbFgONRv9qkxdawL";
    private const string ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

    [Fact]
    public void Computes_the_client_proof_of_the_RFC_example()
    {
        var scram = new ScramSha1Client("user", "pencil", ClientNonce);

        Assert.Equal("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", scram.ClientFirst);
        Assert.Equal("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", scram.ClientFinal(ServerFirst));
    }

    [Fact]
    public void Accepts_the_server_signature_of_the_RFC_example_and_nothing_else()
    {
        var scram = new ScramSha1Client("user", "pencil", ClientNonce);
        scram.ClientFinal(ServerFirst);

        Assert.True(scram.VerifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        Assert.False(scram.VerifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        Assert.False(scram.VerifyServerFinal("e=other-error"));
    }

    [Theory]
    [InlineData("r=someone-elses-nonce,s=QSXCR+Q6sek8bf92,i=4096", "does not extend ours")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096", "does not extend ours")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawLxyz,s=QSXCR+Q6sek8bf92,i=0", "iteration count")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawLxyz,i=4096", "lacks r, s or i")]
    public void Refuses_a_challenge_that_breaks_the_protocol(string serverFirst, string reason)
    {
        var scram = new ScramSha1Client("user", "pencil", ClientNonce);

        var error = Assert.Throws<XmppException>(() => scram.ClientFinal(serverFirst));

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("pencil", error.Message);
    }

    [Fact]
    public void Escapes_equals_and_comma_in_the_user_name()
    {
        Assert.StartsWith("n,,n=a=3Db=2Cc,r=", new ScramSha1Client("a=b,c", "pw").ClientFirst);
    }
}
