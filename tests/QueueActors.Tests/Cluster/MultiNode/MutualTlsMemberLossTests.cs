using Xunit;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// A TLS cluster loses a member to kill -9 and goes on: Akka.Remote stops a node whose outbound TLS handshake fails,
/// so the survivor's attempts to reach the dead member must not count as one (they fail before any handshake), and
/// the resolver downs the dead member as without TLS.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MutualTlsMemberLossTests : IAsyncLifetime
{
    private readonly TlsNodesFixture nodes = new();

    [Fact]
    public async Task When_a_member_is_killed_the_seed_stays_up_and_removes_it()
    {
        nodes.Member.Kill();
        await nodes.Member.WaitForExitAsync(TlsNodesFixture.Wait);

        await nodes.Seed.WaitForLineAsync($"Leader is removing unreachable node [{TlsNodesFixture.Address(nodes.MemberPort)}]", TlsNodesFixture.Wait);
        Assert.DoesNotContain("TLS handshake failed", nodes.Seed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CoordinatedShutdown invoked", nodes.Seed.Output, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => nodes.InitializeAsync();

    public Task DisposeAsync() => nodes.DisposeAsync();
}
