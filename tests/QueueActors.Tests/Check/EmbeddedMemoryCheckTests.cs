using QueueActors.Host.Cli.Check;
using QueueActors.Tests.Host;
using QueueActors.Tests.Host.Embedded;
using Xunit;

namespace QueueActors.Tests.Check;

/// <summary><c>check memory</c> against an embedded node whose working set is past its soft memory limit.</summary>
public sealed class EmbeddedMemoryCheckTests
{
    [Fact]
    public async Task Memory_is_critical_for_a_node_past_its_soft_memory_limit()
    {
        await using var node = await RunningEmbeddedNode.StartAsync("node.soft-memory-limit = 1MiB");

        await using var process = NodeProcess.Start("check", "memory", "--config", node.ConfigFile);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == (int)CheckStatus.Critical, process.Output);
        Assert.Matches(@"^CRITICAL: node-1 working set [0-9]+ MiB of soft limit 1 MiB", process.Output);
    }
}
